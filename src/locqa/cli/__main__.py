"""``python -m locqa.cli``: the ``locqa`` command without its console script."""

import sys

from . import main

sys.exit(main())
