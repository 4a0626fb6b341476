"""`python -m recouvrement_tui` behaves like the `recouvrement` command."""

from recouvrement_tui.cli import main

raise SystemExit(main())
