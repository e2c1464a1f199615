"""``python -m ctannot``."""

import sys

from ctannot.cli import main

sys.exit(main())
