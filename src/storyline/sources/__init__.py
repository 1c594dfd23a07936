"""Sources compared: which sentences are copies of one text across articles."""

from storyline.sources.copies import group_copies

__all__ = ["group_copies"]
