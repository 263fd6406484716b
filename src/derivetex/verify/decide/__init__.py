"""Judging links: the verdict rule (``verdict``) over the answers of each kind of check."""
