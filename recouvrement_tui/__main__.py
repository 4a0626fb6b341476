"""`python -m recouvrement_tui` behaves like the `recouvrement` command."""

from recouvrement_tui.cli.principal import main

raise SystemExit(main())
