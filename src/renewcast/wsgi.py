"""The WSGI application, for ``renewcast serve`` and for any WSGI server in front of it.

Public pages go through :mod:`renewcast.page_cache` first; ``django_application`` is
Django alone, for tools that want every request rendered.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
django_application = get_wsgi_application()

from renewcast.page_cache import wrap  # noqa: E402  (needs the settings configured above)

application = wrap(django_application)
