"""The WSGI application, for ``renewcast serve`` and for any WSGI server in front of it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
application = get_wsgi_application()
