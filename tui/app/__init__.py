"""The Textual reader app (``chronik [PATH ...]``). Only this package imports Textual."""
