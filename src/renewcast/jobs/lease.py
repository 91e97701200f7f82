"""Run a job only where no other runner holds its lease (see :mod:`.models`)."""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from renewcast.jobs.models import JobLease

# Longer than the job can take: a lease a killed runner leaves behind lapses after this.
TTL = {"top10": timedelta(minutes=30), "tvmaze": timedelta(hours=2),
       "forecasts": timedelta(minutes=30), "alerts": timedelta(minutes=15),
       "news": timedelta(minutes=30)}


class Busy(Exception):
    """Another runner holds this job's lease."""


@contextlib.contextmanager
def lease(name: str):
    now, holder = timezone.now(), secrets.token_hex(16)
    try:
        with transaction.atomic():
            JobLease.objects.get_or_create(name=name, defaults={"until": now})
    except IntegrityError:  # another runner made the row at the same moment
        pass
    taken = JobLease.objects.filter(name=name, until__lte=now).update(
        holder=holder, until=now + TTL.get(name, timedelta(hours=1)))
    if not taken:
        raise Busy(name)
    try:
        yield
    finally:
        JobLease.objects.filter(name=name, holder=holder).update(until=timezone.now())
