"""Addresses of the alerts pages: following a show, and the links sent by e-mail."""

from django.urls import path

from renewcast.alerts import views

urlpatterns = [
    path("shows/<str:slug>/follow/", views.follow, name="follow"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts-confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts-unsubscribe"),
]
