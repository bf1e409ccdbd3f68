from kpiwell.cli import console

console()
