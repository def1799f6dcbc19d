"""`python -m expense_classifier`: run the command, then leave without the interpreter's slow teardown."""

import logging
import os
import sys

from expense_classifier.cli import main

code = main()
if code == 0 and sys.argv[1:2] != ["serve"]:
    # Freeing torch, Lightning and transformers module by module at exit takes ~0.9 s here. By now
    # everything is written and closed (Lightning finalized its loggers, outputs are written
    # atomically), so a successful command leaves at once. Failures and `serve` exit normally.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
sys.exit(code)
