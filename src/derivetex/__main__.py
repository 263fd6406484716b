import sys

from derivetex.cli import main

sys.exit(main())
