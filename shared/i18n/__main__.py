"""``python -m shared.i18n extract|update|compile|init LANG`` (see catalogs.py)."""

import sys

from shared.i18n.catalogs import main

sys.exit(main(sys.argv[1:]))
