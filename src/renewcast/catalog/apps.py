from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "renewcast.catalog"
    label = "catalog"
    verbose_name = "Knowledge base"

    def ready(self):
        from renewcast.catalog import signals  # noqa: F401  (connects the status refresh)
