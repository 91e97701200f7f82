"""The alerts job: find what changed, queue it for every follower, send what is due.

``renewcast run-jobs`` calls :func:`run_alerts` on its schedule; running it twice at
the same moment is safe (notices and deliveries are unique, and each delivery is claimed
by one runner before it is sent).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from renewcast.alerts.delivery import DeliveryReport, deliver_due
from renewcast.alerts.following import forget_attempts, forget_unconfirmed
from renewcast.alerts.models import Delivery, Follow, Notice
from renewcast.alerts.watch import detect

KEEP_ATTEMPTS = timedelta(days=1)


@dataclass
class AlertReport:
    notices: list[Notice] = field(default_factory=list)
    queued: int = 0
    forgotten: int = 0  # e-mail follows nobody confirmed in time
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def summary_lines(self) -> list[str]:
        shows = len({n.show_id for n in self.notices})
        lines = [f"alerts: {len(self.notices)} new change(s) on {shows} show(s); "
                 f"{self.queued} alert(s) queued"]
        lines += [f"  {n.title}" for n in self.notices]
        if self.forgotten:
            lines.append(f"  forgot {self.forgotten} e-mail follow(s) nobody confirmed in time")
        return lines + self.delivery.summary_lines()


def fan_out(now=None) -> int:
    """A delivery for each follow that was active when each new notice was made."""
    now = now or timezone.now()
    queued = 0
    for notice in Notice.objects.filter(fanned_out_at__isnull=True).order_by("id"):
        follows = Follow.objects.active().filter(show_id=notice.show_id,
                                                 confirmed_at__lte=notice.created_at)
        rows = [Delivery(notice=notice, follow=f) for f in follows]
        # Another runner may be doing the same: the unique pair keeps one of each.
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        if Notice.objects.filter(pk=notice.pk, fanned_out_at__isnull=True).update(
                fanned_out_at=now):
            queued += len(rows)
    return queued


def run_alerts(now=None) -> AlertReport:
    now = now or timezone.now()
    notices = detect(today=timezone.localdate(now), now=now)
    queued = fan_out(now)
    delivery = deliver_due(now)
    forget_attempts(now - KEEP_ATTEMPTS)
    return AlertReport(notices=notices, queued=queued, delivery=delivery,
                       forgotten=forget_unconfirmed(now))
