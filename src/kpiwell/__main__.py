from kpiwell.cli import main

raise SystemExit(main())
