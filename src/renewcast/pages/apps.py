from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "renewcast.pages"
    label = "pages"
    verbose_name = "Public site"
