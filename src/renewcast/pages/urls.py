from django.urls import path

from renewcast.pages import calendar, views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("shows/<str:slug>/", views.show_detail, name="show"),
    path("forecasts/", views.forecasts, name="forecasts"),
    path("calendar.ics", calendar.site_calendar, name="calendar"),
    path("shows/<str:slug>/calendar.ics", calendar.show_calendar, name="show-calendar"),
]
