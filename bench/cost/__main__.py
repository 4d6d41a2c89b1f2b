import sys

from bench.cost import cli

sys.exit(cli())
