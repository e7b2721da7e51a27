import sys

from mediator_app.cli.main import main

sys.exit(main())
