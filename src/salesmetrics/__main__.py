"""`python -m salesmetrics` runs the command line."""

from salesmetrics.cli import main

main()
