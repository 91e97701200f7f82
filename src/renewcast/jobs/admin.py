"""Which scheduled job is running where: the leases, read-only (a lapsed one is free)."""

from django.contrib import admin

from renewcast.jobs.models import JobLease


@admin.register(JobLease)
class JobLeaseAdmin(admin.ModelAdmin):
    list_display = ("name", "until", "holder")
    readonly_fields = ("name", "until", "holder")

    def has_add_permission(self, request) -> bool:
        return False
