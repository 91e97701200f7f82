"""``renewcast news add URL`` and ``renewcast news list``: the feeds the news desk watches.

The desk itself runs as the ``news`` job (``renewcast run-jobs --once news``); see
:mod:`renewcast.news.desk`.
"""

from __future__ import annotations


def add_command(commands) -> None:
    news = commands.add_parser("news", help="the news feeds the news desk watches",
                               description="Feeds (RSS or Atom) the `news` job reads renewal "
                                           "stories from into the review queue.")
    actions = news.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="watch a feed")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", default="", help="what to call it (default: the address)")
    add.add_argument("--official", action="store_true",
                     help="the broadcaster's own newsroom: decisions it states may be "
                          "confirmed without an editor")
    actions.add_parser("list", help="the feeds, when each was last checked, and errors")


def cmd_news(args, user_error, ensure_database) -> int:
    ensure_database()
    from django.conf import settings

    from renewcast.news.models import Feed
    from renewcast.sources.urlsafety import Unresolvable, UnsafeURL, check_url

    if args.action == "list":
        for feed in Feed.objects.all():
            when = feed.checked_at.strftime("%Y-%m-%d %H:%M") if feed.checked_at else "never"
            flags = " (official)" if feed.official else ""
            flags += "" if feed.active else " (paused)"
            print(f"{feed}{flags}\n  {feed.url}\n  checked {when}"
                  + (f"; last error: {feed.last_error}" if feed.last_error else ""))
        return 0
    try:
        check_url(args.url, allow_private=settings.ALLOW_PRIVATE_FETCH, noun="feed")
    except Unresolvable as exc:  # checked again at every fetch; no network now is no reason
        print(f"note: {exc} now; the news job will try it each time it runs")
    except UnsafeURL as exc:
        raise user_error(str(exc)) from None
    feed, created = Feed.objects.get_or_create(
        url=args.url.strip(), defaults={"name": args.name[:200], "official": args.official})
    if not created and not feed.active:
        Feed.objects.filter(pk=feed.pk).update(active=True)
        print(f"watching {feed} again")
    else:
        print(f"{'watching' if created else 'already watching'} {feed}")
    return 0
