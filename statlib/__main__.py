"""`python -m statlib ...`: the same command line as the `statlib` script (statlib.cli)."""

import sys

from statlib.cli import main

sys.exit(main())
