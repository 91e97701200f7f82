from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommunityConfig(AppConfig):
    name = "renewcast.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from renewcast.community.models import Ban
        from renewcast.community.posting import forget_bans

        post_save.connect(forget_bans, sender=Ban, dispatch_uid="community-bans-saved")
        post_delete.connect(forget_bans, sender=Ban, dispatch_uid="community-bans-deleted")
