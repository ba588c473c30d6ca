"""``python -m locqa``: the ``locqa`` command without its console script."""

import sys

from .cli import main

sys.exit(main())
