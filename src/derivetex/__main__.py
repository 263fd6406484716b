from derivetex.cli import entry

entry()
