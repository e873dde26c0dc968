"""Pages on disk: the static site of the archive, and the story pages beside a daily HTML page.

`build_site` keeps a folder up to date from the archive alone (`daily --site DIR`, `summarizer site`):
index.html (the latest day), days.html, days/DAY.html, stories/ID.html and feed.atom (render/site.py).
Each page is replaced atomically, and they are written in an order that keeps every link resolving for a
reader at any moment: the stories, then the days, then the index of days, then index.html and the feed.
A page whose content did not change is left as it is; nothing is ever deleted. The folder is the site's
own (site_folder.py): a file the site did not write is never replaced, and no link is followed.

A page `today.html` of `daily -f html` gets a folder `today_stories/` next to it, one file per continuing
story (its timeline and every day's digest), each linking back to the day's page; it is written into
without following a link either.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from .output import write_beneath
from .site_folder import SiteFolder, SiteReport

if TYPE_CHECKING:
    from ..stories import DailyDigest
    from .render.templates import Templates

__all__ = ["SiteReport", "build_site", "check_story_folder", "story_folder", "write_story_pages"]


def story_folder(page: str | Path) -> Path:
    """The folder of story pages that belongs to a daily page: `today.html` -> `today_stories`."""
    path = Path(page)
    return path.with_name(path.stem + "_stories")


def write_story_pages(result: DailyDigest, page: str | Path, *, templates: Templates | None = None) -> str | None:
    """Write a page for every continuing story of the day (one with earlier days) into the page's story folder;
    the folder's name (relative to the page, for its links), or None when no story continues."""
    from .render.daily import render_story_page, story_file_name

    continuing = [s for s in result.stories if s.story_id and len(s.timeline) > 1]
    if not continuing:
        return None
    folder = story_folder(page)
    check_story_folder(folder)
    root = os.path.realpath(folder.parent)
    for story in continuing:
        name = f"{folder.name}/{story_file_name(story.story_id or '')}"
        content = render_story_page(story, day_page=Path(page).name, templates=templates)
        write_beneath(root, name, content.encode("utf-8"), shown=str(folder.parent))
    return folder.name


def check_story_folder(folder: str | os.PathLike[str]) -> None:
    """Before any work: the story pages' folder is no link, and holds none (nothing is written through one)."""
    path = Path(folder)
    if path.is_symlink():
        raise OutputError(str(path), "is a symbolic link; the story pages are written only into a real folder")
    if path.is_dir():
        link = next((entry for entry in sorted(path.iterdir()) if entry.is_symlink()), None)
        if link is not None:
            raise OutputError(str(link), "is a symbolic link; nothing is written through a link (remove it)")


def build_site(
    archive_path: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    *,
    base: str = "",
    templates: Templates | None = None,
    labels: Mapping[str, Sequence[str]] | None = None,
) -> SiteReport:
    """Bring the site in `folder` up to date with the archive (see the module docstring); `base` is the site's
    address (ending in /) when the feed's links should be absolute; `templates` the run's (--templates); `labels`
    the order of the coverage bars (label name -> values, as the label file gives them)."""
    from ..archive import Archive
    from ..archive.pages import site_data
    from .render import site as pages
    from .render.daily import story_file_name

    site = SiteFolder(folder)
    if site.holds(os.fspath(archive_path)):
        raise OutputError(os.fspath(archive_path), f"is inside the site folder {site.shown}; it would be published")
    site.check()
    with Archive(archive_path, readonly=True) as archive:
        data = site_data(archive)
    scale = pages.site_scale(data, labels)
    plan = [(f"stories/{story_file_name(story_id)}", pages.story_page(story_id, timeline, templates=templates,
                                                                      scale=scale))
            for story_id, timeline in sorted(data.timelines.items())]  # fmt: skip
    plan += [(f"days/{day.day}.html", pages.day_page(day, up="../", templates=templates, scale=scale))
             for day in data.days]  # fmt: skip
    plan.append(("days.html", pages.days_page(data, templates=templates)))
    if data.days:
        plan.append(("index.html", pages.day_page(data.days[-1], up="", templates=templates, scale=scale)))
    plan.append(("feed.atom", pages.atom_feed(data, base=base, templates=templates, scale=scale)))
    written, unchanged = site.update(plan)
    return SiteReport(site.shown, tuple(written), tuple(unchanged), len(data.days), len(data.timelines))
