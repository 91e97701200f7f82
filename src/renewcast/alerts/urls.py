"""Addresses of the alerts pages: following a show, and the links sent by e-mail."""

from django.urls import path

import renewcast.converters  # noqa: F401 - the <text:…> URL part
from renewcast.alerts import views

urlpatterns = [
    path("shows/<text:slug>/follow/", views.follow, name="follow"),
    path("alerts/confirm/<text:token>/", views.confirm, name="alerts-confirm"),
    path("alerts/unsubscribe/<text:token>/", views.unsubscribe, name="alerts-unsubscribe"),
]
