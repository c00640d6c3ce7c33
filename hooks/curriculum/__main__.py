"""`python -m curriculum`: the engine's command line (cli/commands.py)."""

import sys

from .cli.commands import main

sys.exit(main())
