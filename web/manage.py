#!/usr/bin/env python
"""Django's ``manage.py`` for the jixiao web application (same as ``python -m web``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from web.__main__ import main

if __name__ == "__main__":
    main()
