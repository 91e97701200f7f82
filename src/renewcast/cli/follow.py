"""``renewcast follow``, ``unfollow`` and ``follows``: alerts from the command line.

The same rules as the follow box on a show's page (:mod:`renewcast.alerts.following`):
an e-mail address gets a confirmation link first and nothing else until it is
confirmed; a webhook follows at once and its signing secret is printed this once.
"""

from __future__ import annotations

import sys

EXIT_NOT_FOUND = 1


def add_commands(commands) -> None:
    follow = commands.add_parser(
        "follow", help="get an e-mail or a webhook call when a show's status changes",
        description="Follow a show by e-mail (after confirming a link sent to the address) or "
                    "by webhook (a signed JSON POST). Alerts go out on status changes, newly "
                    "confirmed official statements, announced premiere dates and big forecast "
                    "moves, when `renewcast run-jobs` runs.")
    follow.add_argument("title", metavar="TITLE")
    _address(follow)
    unfollow = commands.add_parser("unfollow", help="stop an e-mail or webhook follow")
    unfollow.add_argument("title", metavar="TITLE")
    _address(unfollow)
    follows = commands.add_parser("follows", help="list who follows which show")
    follows.add_argument("title", nargs="?", metavar="TITLE", help="only this show")


def _address(parser) -> None:
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--email", metavar="ADDRESS", help="an e-mail address")
    how.add_argument("--webhook", metavar="URL", help="an http(s) URL to POST alerts to")


def _show(title: str):
    """The show, or None after printing the one-line error (exit status 1: not found)."""
    from renewcast.catalog.lookup import did_you_mean, find_show

    show = find_show(title)
    if show is None:
        hint = (did_you_mean(title)
                or f"; to add it from TVmaze: renewcast sync tvmaze {_quoted(title)}")
        print(f"renewcast: error: no show named {title!r}{hint}", file=sys.stderr)
    return show


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def cmd_follow(args, user_error, ensure_database) -> int:
    ensure_database()
    from django.conf import settings

    from renewcast.alerts import following, signing

    show = _show(args.title)
    if show is None:
        return EXIT_NOT_FOUND
    try:
        followed = following.follow_show(show, email=args.email, webhook=args.webhook)
    except following.FollowError as exc:
        raise user_error(exc.message) from None
    follow, outcome = followed.follow, followed.outcome
    if outcome == "refused":
        raise user_error(f"{follow.address} was disabled by an editor; enable it in the admin "
                         "(/admin/alerts/follow/) first")
    if follow.channel == "email":
        if outcome == "recently_sent":
            print(f"a confirmation e-mail went to {follow.address} a few minutes ago; no second "
                  f"one sent. {show.title} is followed once the link in it is confirmed.")
        elif outcome == "already":
            print(f"{follow.address} already follows {show.title}; a reminder with its "
                  "unsubscribe link was e-mailed")
        else:
            print(f"confirmation e-mail sent to {follow.address}: {show.title} is followed once "
                  "the link in it is opened and confirmed; nothing else is sent until then")
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            print("renewcast: no mail server is set (RENEWCAST_EMAIL_HOST), so the e-mail was "
                  "printed here instead of sent", file=sys.stderr)
        return 0
    if not followed.secret:
        print(f"{follow.address} already follows {show.title}; its signing secret was shown "
              f"when it was added (for a new one: renewcast unfollow {_quoted(show.title)} "
              f"--webhook {_quoted(follow.address)}, then follow again)")
        return 0
    print(f"following {show.title} by webhook {follow.address}")
    print(f"signing secret: {followed.secret}")
    print(f"  shown only now: keep it. Each alert is a JSON POST with the header "
          f"{signing.HEADER}: sha256=<hex HMAC-SHA256 of the raw body, keyed by the secret>; "
          "recompute it over the body you received and compare before trusting the post.")
    print(f"stop with: renewcast unfollow {_quoted(show.title)} --webhook "
          f"{_quoted(follow.address)} (or POST {following.unsubscribe_url(follow)})")
    return 0


def cmd_unfollow(args, user_error, ensure_database) -> int:
    ensure_database()
    from renewcast.alerts import following

    show = _show(args.title)
    if show is None:
        return EXIT_NOT_FOUND
    follow = following.find_follow(show, email=args.email, webhook=args.webhook)
    if follow is None:
        print(f"renewcast: error: {args.email or args.webhook} does not follow {show.title}",
              file=sys.stderr)
        return EXIT_NOT_FOUND
    if following.unsubscribe(follow):
        print(f"{follow.address} no longer follows {show.title}")
    else:
        print(f"{follow.address} had already stopped following {show.title}")
    return 0


def cmd_follows(args, user_error, ensure_database) -> int:
    ensure_database()
    from renewcast.alerts.models import Follow

    follows = Follow.objects.select_related("show").order_by("show__title", "channel", "address")
    if args.title:
        show = _show(args.title)
        if show is None:
            return EXIT_NOT_FOUND
        follows = follows.filter(show=show)
    rows = list(follows)
    if not rows:
        print("nobody follows " + (show.title if args.title else "a show") + " yet",
              file=sys.stderr)
        return 0
    for follow in rows:
        extra = f" ({follow.failures} failures in a row)" if follow.failures else ""
        print(f"{follow.show.title}\t{follow.channel}\t{follow.address}\t{follow.state}{extra}")
    return 0
