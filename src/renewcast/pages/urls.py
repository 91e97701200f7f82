from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

import renewcast.converters  # noqa: F401 - the <text:…> URL part
from renewcast.pages import calendar, feeds, sitemaps, views, widget

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("shows/<text:slug>/", views.show_detail, name="show"),
    path("shows/<text:slug>/season-<int:number>/", views.season_detail, name="season"),
    path("shows/<text:slug>/feed.atom", feeds.ShowFeed(), name="show-feed"),
    path("shows/<text:slug>/widget/", widget.widget, name="widget"),
    path("widget.js", widget.widget_script, name="widget-script"),
    path("forecasts/", views.forecasts, name="forecasts"),
    path("feed.atom", feeds.SiteFeed(), name="feed"),
    path("calendar.ics", calendar.site_calendar, name="calendar"),
    path("shows/<text:slug>/calendar.ics", calendar.show_calendar, name="show-calendar"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
]
