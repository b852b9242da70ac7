"""Reading a corpus file's text, with errors that say what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

from rag.corpus.problems import CorpusError


def read_lines(path: Path) -> list[str]:
    """A text file's lines, or a CorpusError that says what is wrong with it."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except PermissionError:
        raise CorpusError(f"{path}: permission denied; check the file's permissions") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, expected a file") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: not UTF-8 text (byte {exc.start}); convert it or remove it from the corpus"
        ) from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
