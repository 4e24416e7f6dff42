"""The command line: drive a run and print the lesson's lines, in English."""
