"""Start the web demo: `python demo.py [--port 7860] [--host 127.0.0.1] [--no-url-fetch] ...`.

The same as `summarizer demo`: options, SUMMARIZER_* env vars and the config file all work the same way.
"""

from __future__ import annotations

import sys

from summarizer.cli import main

if __name__ == "__main__":
    main(["demo", *sys.argv[1:]])
