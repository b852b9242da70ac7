"""Reading a corpus file's text, with errors that say what is wrong and what to do.

A file is read line by line as UTF-8: a byte-order mark at its start (as Excel and many Windows
tools write it) is dropped, and a line that is not UTF-8 is reported by number and left empty
instead of failing the whole file, so the rest of it is still read. Lines end at "\\n" (a "\\r"
before it is dropped) and nowhere else: a JSON string may hold U+2028 or a form feed, which
`str.splitlines` would cut a record at.
"""

from __future__ import annotations

from pathlib import Path

from rag.corpus.problems import CorpusError, LoadReport

BOM = b"\xef\xbb\xbf"


def read_lines(path: Path, report: LoadReport | None = None) -> list[str]:
    """A text file's lines (see the module's note); a CorpusError that says what is wrong when
    the file cannot be read at all."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except PermissionError:
        raise CorpusError(f"{path}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, expected a file") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
    if data.startswith(BOM):
        data = data[len(BOM) :]
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.removesuffix(b"\r").decode("utf-8"))
        except UnicodeDecodeError as exc:
            if report is not None:
                report.add(path.name, number, f"not UTF-8 text (byte {exc.start} of the line); skipped")
            lines.append("")
    if lines and lines[-1] == "" and data.endswith(b"\n"):
        lines.pop()
    return lines
