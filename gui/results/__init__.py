"""The results table: its model, its view and its columns."""
