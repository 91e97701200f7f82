from django.urls import path

from renewcast.pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("shows/<str:slug>/", views.show_detail, name="show"),
    path("forecasts/", views.forecasts, name="forecasts"),
]
