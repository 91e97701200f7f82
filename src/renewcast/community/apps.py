from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "renewcast.community"
    label = "community"
    verbose_name = "Community"
