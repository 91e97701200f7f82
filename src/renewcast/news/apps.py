from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "renewcast.news"
    verbose_name = "News desk"
    default_auto_field = "django.db.models.BigAutoField"
