"""``renewcast editor add EMAIL`` and ``renewcast editor list``: reviewers without superuser.

See :mod:`renewcast.catalog.editors` for what an editor may do.
"""

from __future__ import annotations


def add_command(commands) -> None:
    editor = commands.add_parser(
        "editor", help="make an editor account (prints a link to choose a password) or list them",
        description="Editors review the claims the reader proposes in the admin, with exactly "
                    "the permissions that needs (not a superuser).")
    actions = editor.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="make EMAIL an editor and print a one-time link")
    add.add_argument("email", metavar="EMAIL")
    add.add_argument("--site", metavar="URL",
                     help="the site's public address for the link (RENEWCAST_SITE_URL, else "
                          "http://127.0.0.1:8000)")
    actions.add_parser("list", help="list the editor accounts")


def cmd_editor(args, user_error, ensure_database) -> int:
    ensure_database()
    from renewcast.catalog.editors import EditorError, add_editor, editors

    if args.action == "list":
        people = editors()
        if not people:
            print("no editors yet: renewcast editor add EMAIL")
        for user in people:
            seen = user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "never"
            state = "" if user.is_active else "  (disabled)"
            print(f"{user.get_username():<40} last signed in {seen}{state}")
        return 0
    try:
        made = add_editor(args.email, args.site)
    except EditorError as exc:
        raise user_error(str(exc)) from None
    verb = "made" if made.created else "is"
    print(f"{made.user.get_username()} {verb} an editor. Send them this one-time link to "
          f"choose a password (valid 3 days):\n{made.link}")
    return 0
