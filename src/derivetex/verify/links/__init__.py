"""Rows, chains and links of a math block (``rows``): separators as data."""
