"""The alerts app: follows, the changes worth telling followers about, and their deliveries."""

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "renewcast.alerts"
    label = "alerts"
    verbose_name = "Alerts"
