"""Chronik: a terminal reader for collections of German news articles."""

__version__ = "0.4.6"
