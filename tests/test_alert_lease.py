"""A runner whose lease on a delivery ran out (and was taken over) writes nothing more
about it, so the runner that took it over decides how it ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alert_receivers import follow_by_email, make_show
from django.utils import timezone

from renewcast.alerts import delivery as sending
from renewcast.alerts.models import Delivery, DeliveryState, Notice


@pytest.mark.django_db
def test_a_lapsed_lease_cannot_finish_a_delivery_taken_over():
    show = make_show()
    follow = follow_by_email(show, "fan@example.org")
    notice = Notice.objects.create(show=show, kind="status", key="status:renewed:1",
                                   title="renewed", created_at=timezone.now())
    row = Delivery.objects.create(notice=notice, follow=follow)
    start = timezone.now()
    first = sending.claim(row.pk, start)
    assert first is not None and sending.claim(row.pk, start) is None  # held: nobody else
    later = start + sending.LEASE + timedelta(seconds=1)
    second = sending.claim(row.pk, later)  # the first runner's lease ran out
    assert second is not None and second != first

    slow = Delivery.objects.get(pk=row.pk)
    slow.lease = first
    sending._finish(slow, DeliveryState.GAVE_UP, error="late")
    assert Delivery.objects.get(pk=row.pk).state == DeliveryState.PENDING  # untouched

    fast = Delivery.objects.get(pk=row.pk)
    fast.lease = second
    sending._finish(fast, DeliveryState.SENT, status=250)
    done = Delivery.objects.get(pk=row.pk)
    assert done.state == DeliveryState.SENT and done.claimed_until is None
