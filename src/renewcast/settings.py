"""Django settings: an embedded SQLite database by default, PostgreSQL by ``DATABASE_URL``.

Everything a deployment may change is an environment variable (documented in
the README's Configuration table); the defaults run a safe, production-mode site on one
machine with no setup.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import platformdirs

from renewcast import private_files

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(
    os.environ.get("RENEWCAST_DATA_DIR") or platformdirs.user_data_dir("renewcast", appauthor=False)
).expanduser()


def _secret_key() -> str:
    if key := os.environ.get("RENEWCAST_SECRET_KEY"):
        return key
    # Kept beside the database so sessions survive restarts without configuration.
    return private_files.secret_key(DATA_DIR / "secret_key")


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = _secret_key()
DEBUG = _flag("RENEWCAST_DEBUG")

# The public address, for canonical links, feeds and the sitemap (e.g. https://renewcast.example).
# Without it they are built from the request's host, which ALLOWED_HOSTS vets.
SITE_URL = os.environ.get("RENEWCAST_SITE_URL", "").strip().rstrip("/")
# How long a rendered public page is served from memory before the data is checked again.
PAGE_CACHE_SECONDS = float(os.environ.get("RENEWCAST_PAGE_CACHE_SECONDS", "1") or 0)
PAGE_CACHE_ENTRIES = int(os.environ.get("RENEWCAST_PAGE_CACHE_ENTRIES", "2000") or 0)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("RENEWCAST_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("RENEWCAST_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "ninja",  # serves the API docs' assets itself, so no CDN
    "renewcast.catalog",
    "renewcast.pages",
    "renewcast.community",
    "renewcast.alerts",
    "renewcast.jobs",
    "renewcast.news",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "renewcast.http_headers.HeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "renewcast.urls"
WSGI_APPLICATION = "renewcast.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renewcast.pages.site.context",
            ],
        },
    },
]


def _databases() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": private_files.private_file(DATA_DIR / "renewcast.sqlite3"),
            "OPTIONS": {
                # WAL lets readers (the site) go on while a writer (an ingest) works.
                "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only for deployments that run collectstatic behind their own web server.
STATIC_ROOT = os.environ.get("RENEWCAST_STATIC_ROOT") or None
# Served straight from the installed package, so no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Community (docs/community.md). A rate is "N/SECONDS"; 0 turns the limit off.
COMMENT_RATE = os.environ.get("RENEWCAST_COMMENT_RATE", "5/60").strip() or "0"
# Failed sign-ins per account (an address gets five times as many) and sign-up forms per
# address, as "count/seconds"; "0" turns a limit off (community/throttle.py).
SIGNIN_LIMIT = os.environ.get("RENEWCAST_SIGNIN_LIMIT", "10/900").strip() or "0"
SIGNUP_LIMIT = os.environ.get("RENEWCAST_SIGNUP_LIMIT", "10/3600").strip() or "0"
COMMENT_EDIT_MINUTES = int(os.environ.get("RENEWCAST_COMMENT_EDIT_MINUTES", "15") or 0)
COMMENT_MAX_LINKS = int(os.environ.get("RENEWCAST_COMMENT_MAX_LINKS", "2") or 0)
COMMENTS_PER_PAGE = int(os.environ.get("RENEWCAST_COMMENTS_PER_PAGE", "20") or 20)
# How often each server process writes its page-view counts (docs/popularity.md); 0 turns
# counting off.
VIEW_FLUSH_SECONDS = float(os.environ.get("RENEWCAST_VIEW_FLUSH_SECONDS", "10") or 0)
# Trust X-Forwarded-For's last hop for the client address (set behind a reverse proxy).
BEHIND_PROXY = _flag("RENEWCAST_BEHIND_PROXY")
# The public site is https, served through a proxy that ends TLS and sets
# X-Forwarded-Proto (docs/deploy.md): HSTS, Secure cookies, and that header trusted.
HTTPS = _flag("RENEWCAST_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("RENEWCAST_HSTS_SECONDS", "31536000") or 0)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# How long a shared cache (a CDN, the nginx front) may keep a public page; as long again
# it may serve it stale while it asks for a fresh one (renewcast/http_headers.py).
CACHE_SECONDS = int(os.environ.get("RENEWCAST_CACHE_SECONDS", "60") or 0)
# TVmaze (docs/tvmaze.md): the API's address (tests point it at a local server) and the
# client-side limit as "CALLS/SECONDS" (TVmaze allows about 20 calls per 10 s; 0 lifts it).
TVMAZE_URL = os.environ.get("RENEWCAST_TVMAZE_URL", "https://api.tvmaze.com").strip().rstrip("/")
TVMAZE_RATE = os.environ.get("RENEWCAST_TVMAZE_RATE", "20/10").strip() or "0"
# Seconds before the first retry of a failed call; each further retry waits twice as long.
TVMAZE_BACKOFF = float(os.environ.get("RENEWCAST_TVMAZE_BACKOFF", "1") or 1)
# Netflix's published Top 10 files, fetched weekly by ``renewcast run-jobs``.
TOP10_URL = os.environ.get(
    "RENEWCAST_TOP10_URL", "https://www.netflix.com/tudum/top10/data/all-weeks-global.tsv"
).strip()
# The news desk (docs/news.md): a decision an official feed states outright is confirmed
# without an editor unless this is turned off.
NEWS_AUTO_CONFIRM = _flag("RENEWCAST_NEWS_AUTO_CONFIRM", default=True)
# Background jobs (docs/jobs.md): empty runs the embedded queue (a SQLite file in the data
# directory); redis://host:port/db shares one queue between several app servers.
JOBS_URL = os.environ.get("RENEWCAST_JOBS_URL", "").strip()
HUEY = {
    "name": "renewcast",
    "immediate": False,
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread"},
    **({"huey_class": "huey.RedisHuey", "url": JOBS_URL} if JOBS_URL.startswith("redis")
       else {"huey_class": "huey.SqliteHuey",
             "filename": str(private_files.private_file(DATA_DIR / "jobs.sqlite3"))}),
}

# Alerts (docs/alerts.md). E-mail goes through Django's backends: the console by default,
# SMTP when RENEWCAST_EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("RENEWCAST_EMAIL_HOST", "").strip()
EMAIL_PORT = int(os.environ.get("RENEWCAST_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = os.environ.get("RENEWCAST_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("RENEWCAST_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("RENEWCAST_EMAIL_TLS")
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = os.environ.get("RENEWCAST_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("RENEWCAST_EMAIL_FROM", "renewcast <alerts@renewcast.invalid>")
# Webhooks to private, loopback or link-local addresses are refused unless this is set
# (tests and single-machine setups whose receiver is on the same host).
ALLOW_PRIVATE_WEBHOOKS = _flag("RENEWCAST_ALLOW_PRIVATE_WEBHOOKS")
# The same for what renewcast fetches itself: articles to read, the Top 10 file, a batch
# CSV (an internal mirror, tests' loopback servers). Off, only public addresses are fetched.
ALLOW_PRIVATE_FETCH = _flag("RENEWCAST_ALLOW_PRIVATE_FETCH")
# A webhook that failed this many deliveries in a row is disabled.
WEBHOOK_MAX_FAILURES = int(os.environ.get("RENEWCAST_WEBHOOK_MAX_FAILURES", "5") or 5)
# Forecast moves of at least this many percentage points alert followers.
ALERT_FORECAST_POINTS = float(os.environ.get("RENEWCAST_ALERT_FORECAST_POINTS", "15") or 15)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
CSRF_FAILURE_VIEW = "renewcast.community.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RENEWCAST_LOG_LEVEL", "WARNING")},
}
