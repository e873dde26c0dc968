"""Digests as text, Markdown, JSON, or a rich terminal view."""

from .formats import FORMATS, render, to_dict, write_atomic
from .terminal import print_digest

__all__ = ["FORMATS", "print_digest", "render", "to_dict", "write_atomic"]
