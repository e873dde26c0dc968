"""Delivering the morning digest: the static site (`daily --site`, `summarizer site`) and e-mail (`--mail-to`).

Order matters for "nothing is lost": the archive is saved by the run itself, then the site is brought up to
date from it, then the result is written, and only then is the mail sent; a failed send is one line and exit
status 1, with everything else already in place."""

from __future__ import annotations

import os
from argparse import Namespace
from typing import Any

from ..delivery.output import check_run_paths
from ..errors import InputNotFound
from .support import EXIT_NO_RESULT, EXIT_OK, UsageError, archive_path, emit, say

MAIL_ENVIRONMENT = "SUMMARIZER_MAIL_TO"


def mail_settings(args: Namespace) -> Any:
    """The SMTP settings when the run mails its digest (--mail-to, or $SUMMARIZER_MAIL_TO), checked before any
    work; else None."""
    from ..delivery.mail import MailSettings

    if not (args.mail_to or os.environ.get(MAIL_ENVIRONMENT, "").strip()):
        return None
    return MailSettings.from_options(args.mail_to, smtp=args.smtp, security=args.smtp_security, user=args.smtp_user,
                                     sender=args.mail_from, password_file=args.smtp_password_file)  # fmt: skip


def run_templates(args: Namespace, *, site: bool, page: bool = False, mail: Any = None) -> Any:
    """The run's templates (--templates DIR), checked before any work: every file of the folder reads and every
    page the run writes (`site`, the daily `page` and its story pages, the `mail`) renders from sample data; None
    without the option (the shipped templates)."""
    from ..delivery.samples import checked_templates

    if args.templates is None:
        return None
    if not (site or page or mail):
        raise UsageError("--templates restyles the site (--site), the page of -f html and the mail (--mail-to); "
                         "this run writes none of them")  # fmt: skip
    return checked_templates(args.templates, site=site, page=page, mail=mail is not None)


def page_address(args: Namespace, day: str | None) -> str | None:
    """The address of the day's page on the site, when the site has one (--site-url)."""
    if not (args.site and args.site_url and day):
        return None
    return f"{args.site_url.rstrip('/')}/days/{day}.html"


def deliver(
    args: Namespace,
    result: Any,
    *,
    archive: str | None,
    mail: Any,
    templates: Any = None,
    labels: Any = None,
    **render: Any,
) -> int:
    """After the run has saved the archive: the site, then the result itself, then the mail (each from the run's
    templates, the coverage bars in the order of its outlet labels)."""
    from ..delivery.render.coverage import scale_of_labels
    from ..delivery.site import build_site

    scale = scale_of_labels(labels.outlets) if labels is not None else None
    if args.site and archive:
        report = build_site(archive, args.site, base=_base(args.site_url), templates=templates, labels=scale)
        if not args.quiet:
            say(f"site: {report.folder}: {len(report.written)} pages written, {len(report.unchanged)} unchanged")
    emit(args, result, templates=templates, scale=scale, **render)
    if mail is None:
        return EXIT_OK
    from ..delivery.mail import MailError, digest_message, send

    try:
        message = digest_message(
            result, mail, page_url=page_address(args, result.date), templates=templates, scale=scale
        )
        send(message, mail)
    except MailError as error:
        say(f"summarizer: error: {error}{_saved(args, archive)}")
        return EXIT_NO_RESULT
    if not args.quiet:
        say(f"mailed the digest to {', '.join(mail.to)}")
    return EXIT_OK


def _saved(args: Namespace, archive: str | None) -> str:
    """What the run saved before the mail failed, as the end of its error line (only what it did save)."""
    saved = [*(["the archive"] if archive else []), *(["the site"] if args.site and archive else []),
             *([args.output] if args.output and args.output != "-" else [])]  # fmt: skip
    if not saved:
        return ""
    listed = " and ".join([", ".join(saved[:-1]), saved[-1]] if len(saved) > 1 else saved)
    return f" ({listed} {'is' if len(saved) == 1 else 'are'} saved)"


def _base(site_url: str | None) -> str:
    return site_url.rstrip("/") + "/" if site_url else ""


def run_site(args: Namespace) -> int:
    """Build or update the static site of the archive: index.html, a page per day and per story, feed.atom.

    Only the archive is read; each page is replaced atomically and no page is ever deleted. A file in the folder
    the site did not write is never replaced, and no link is followed."""
    from ..delivery.render.coverage import scale_of_labels
    from ..delivery.site import build_site
    from ..delivery.site_folder import check_site_paths
    from ..sources.labels import read_labels

    archive = archive_path(args)
    check_run_paths(written={"output": args.output}, read={"archive": archive, "label file": args.labels},
                    folders={"site folder": args.folder})  # fmt: skip
    check_site_paths(args.folder, archive=archive, outputs={"output": args.output})
    if not os.path.exists(archive):
        raise InputNotFound(archive, "no such archive (a run of daily --archive or fetch makes one)")
    labels = scale_of_labels(read_labels(args.labels).outlets) if args.labels else None
    templates = run_templates(args, site=True)
    report = build_site(archive, args.folder, base=_base(args.site_url), templates=templates, labels=labels)
    if not (args.quiet and args.format == "text" and not args.output):  # -q: nothing to say on success
        emit(args, report)
    return EXIT_OK if report.days else EXIT_NO_RESULT
