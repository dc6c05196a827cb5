"""``python -m newsdoc``: the newsdoc command line (see :mod:`newsdoc.cli`).

Example:
    $ python -m newsdoc show seeds/000_0eafb7a6a491ae43.json
"""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
