"""``python -m process_lab``: the same as the ``process-lab`` command."""

from __future__ import annotations

import sys

from process_lab.launch import main

if __name__ == "__main__":
    sys.exit(main())
