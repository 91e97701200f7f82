"""Top-level URL map: the public pages and the editors' admin."""

from django.contrib import admin
from django.urls import include, path

import renewcast.converters  # noqa: F401 - registers <text:…> before the apps' URL maps load
from renewcast.api import api
from renewcast.community.account_views import admin_sign_in

admin.site.site_header = "renewcast editors"
admin.site.login = admin_sign_in  # through the site's own (throttled) sign-in page
admin.site.site_title = "renewcast"
admin.site.index_title = "Knowledge base"
admin.site.index_template = "admin/renewcast_index.html"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("renewcast.community.urls")),
    path("", include("renewcast.alerts.urls")),
    path("", include("renewcast.pages.urls")),
]

handler404 = "renewcast.pages.views.not_found"
handler500 = "renewcast.pages.views.server_error"
