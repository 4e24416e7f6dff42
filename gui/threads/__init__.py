"""Worker threads: one lifecycle for every QThread, and the run bridge."""
