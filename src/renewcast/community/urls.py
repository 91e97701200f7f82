from django.urls import path

import renewcast.converters  # noqa: F401 - the <text:…> URL part
from renewcast.community import account_views, prediction_views, views

urlpatterns = [
    path("shows/<text:slug>/season-<int:number>/discuss/", views.discussion, name="discuss"),
    path("shows/<text:slug>/season-<int:number>/discuss/fragment/", views.fragment,
         name="discuss-fragment"),
    path("comments/<int:pk>/edit/", views.edit, name="comment-edit"),
    path("comments/<int:pk>/report/", views.report, name="comment-report"),
    path("comments/<int:pk>/like/", views.like, name="comment-like"),
    path("shows/<text:slug>/season-<int:number>/predict/", prediction_views.predict,
         name="predict"),
    path("leaderboard/", prediction_views.leaderboard, name="leaderboard"),
    path("fans/<int:pk>/", prediction_views.fan_page, name="fan"),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/login/", account_views.login, name="login"),
    path("accounts/logout/", account_views.logout, name="logout"),
    path("accounts/set-password/<uidb64>/<token>/", account_views.set_password,
         name="set-password"),
    path("accounts/password-set/", account_views.password_set, name="password-set"),
]
