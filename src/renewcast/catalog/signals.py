"""Keep the cached show status true when an editor changes what it is derived from.

Ingests write many rows and refresh every touched show once at the end, so they
run inside :func:`bulk_writes`, which holds back the per-row refresh.
"""

import contextlib
import threading

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from renewcast.catalog.models import ChartWeek, Claim, Event, Season
from renewcast.catalog.status import refresh_statuses

_state = threading.local()


@contextlib.contextmanager
def bulk_writes():
    """Within this block saves do not refresh statuses; the caller refreshes once after."""
    previous = getattr(_state, "bulk", False)
    _state.bulk = True
    try:
        yield
    finally:
        _state.bulk = previous


@receiver(post_save, sender=Event)
@receiver(post_delete, sender=Event)
@receiver(post_save, sender=Claim)
@receiver(post_delete, sender=Claim)
@receiver(post_save, sender=Season)
@receiver(post_delete, sender=Season)
@receiver(post_save, sender=ChartWeek)
@receiver(post_delete, sender=ChartWeek)
def _refresh_show_status(sender, instance, raw=False, **kwargs):
    if raw or getattr(_state, "bulk", False):  # fixtures are copied as they are
        return
    show_id = instance.show_id if hasattr(instance, "show_id") else instance.season.show_id
    refresh_statuses([show_id])
