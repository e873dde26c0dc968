"""Pages on disk beside a daily HTML page: each continuing story's page of earlier digests.

A page `today.html` gets a folder `today_stories/` next to it, one file per continuing story (its
timeline and every day's digest), each linking back to the day's page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .output import write_text

if TYPE_CHECKING:
    from .stories import DailyDigest

__all__ = ["story_folder", "write_story_pages"]


def story_folder(page: str | Path) -> Path:
    """The folder of story pages that belongs to a daily page: `today.html` -> `today_stories`."""
    path = Path(page)
    return path.with_name(path.stem + "_stories")


def write_story_pages(result: DailyDigest, page: str | Path) -> str | None:
    """Write a page for every continuing story of the day (one with earlier days) into the page's story folder;
    the folder's name (relative to the page, for its links), or None when no story continues."""
    from .render.daily import render_story_page, story_file_name

    continuing = [s for s in result.stories if s.story_id and len(s.timeline) > 1]
    if not continuing:
        return None
    folder = story_folder(page)
    folder.mkdir(exist_ok=True)
    for story in continuing:
        write_text(folder / story_file_name(story.story_id or ""), render_story_page(story, day_page=Path(page).name))
    return folder.name
