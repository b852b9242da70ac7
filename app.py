"""Start the web UI: `python app.py` (what `bash scripts/run.sh` runs). The app is rag.ui.app."""

import sys

from rag.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
