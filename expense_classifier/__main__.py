import sys

from expense_classifier.cli import main

sys.exit(main())
