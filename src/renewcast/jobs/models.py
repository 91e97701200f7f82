"""Which runner is doing which job, until when.

A lease in the database, not a lock in the queue: it expires by itself, so a runner
killed mid-job (cron's timeout, the OOM killer, a reboot) holds a job back only until
its lease runs out, and it works the same on one machine or many sharing a database.
"""

from django.db import models


class JobLease(models.Model):
    name = models.CharField(max_length=50, unique=True)
    holder = models.CharField(max_length=64, blank=True)
    until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} until {self.until:%Y-%m-%d %H:%M:%S}"
