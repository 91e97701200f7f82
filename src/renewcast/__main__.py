import sys

from renewcast.cli import main

sys.exit(main())
