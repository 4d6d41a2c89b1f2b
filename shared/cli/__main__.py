"""``python -m shared.cli``: the ``servicematning`` command."""

import sys

from shared.cli import main

sys.exit(main())
