"""``python -m local.faults``: see the package's docstring."""

import sys

from local.faults.runner import main

sys.exit(main())
