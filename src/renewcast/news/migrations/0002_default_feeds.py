"""The feeds a new installation knows: the trade press's TV feeds and Netflix's newsroom
(official). They start paused, so a fresh install (and every test) stays offline until an
editor turns them on in the admin or with ``renewcast news add URL``; a feed that moved
shows its error there and stops nothing."""

from django.db import migrations

DEFAULTS = (
    ("Deadline — TV", "https://deadline.com/v/tv/feed/", False),
    ("Variety — TV", "https://variety.com/v/tv/feed/", False),
    ("The Hollywood Reporter — TV", "https://www.hollywoodreporter.com/c/tv/feed/", False),
    ("TVLine", "https://tvline.com/feed/", False),
    ("What's on Netflix", "https://www.whats-on-netflix.com/feed/", False),
    ("Netflix newsroom", "https://about.netflix.com/en/newsroom/rss", True),
)


def add(apps, schema_editor):
    feed = apps.get_model("news", "Feed")
    for name, url, official in DEFAULTS:
        feed.objects.get_or_create(url=url, defaults={"name": name, "official": official,
                                                      "active": False})


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add, migrations.RunPython.noop),
    ]
