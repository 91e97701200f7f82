from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "renewcast.jobs"
    label = "jobs"
    verbose_name = "Scheduled jobs"
