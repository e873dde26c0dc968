"""`python -m summarizer.cli`: the `summarizer` command."""

from . import main

raise SystemExit(main())
