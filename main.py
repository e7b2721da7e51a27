"""Start 调解台账 (Mediation Ledger): same as ``mediator-app`` / ``python -m mediator_app``."""

import sys

from mediator_app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
