"""Where the files that ship with the project are: `prompts/` and the default corpus `seeds/`.

In a source checkout (or an editable install) they are the repository's top-level folders; an
installed wheel carries them inside the package as rag/_data/<name>. Nothing here reads them.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def shipped(name: str) -> Path:
    """The shipped folder `name` ("prompts" or "seeds"): the wheel's copy if there is one, else
    the repository's; a FileNotFoundError that says what is wrong when neither exists."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the {name}/ folder that ships with rag-assistant is missing (looked in "
        f"{_PACKAGE / '_data' / name} and {_PACKAGE.parent / name}); reinstall the package"
    )


def prompts_dir() -> Path:
    return shipped("prompts")


def seeds_dir() -> Path:
    return shipped("seeds")
