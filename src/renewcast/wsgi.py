"""The WSGI application, for ``renewcast serve`` and for any WSGI server in front of it.

Public pages go through :mod:`renewcast.page_cache` first, and views of show and season
pages are counted in front of that (:mod:`renewcast.community.pageviews`), so pages
served from memory count too; ``django_application`` is Django alone, for tools that
want every request rendered.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
django_application = get_wsgi_application()

# These need the settings configured above.
from renewcast.community import popularity  # noqa: E402
from renewcast.community.pageviews import count_views  # noqa: E402
from renewcast.community.stamp import POPULAR_SECONDS  # noqa: E402
from renewcast.page_cache import wrap  # noqa: E402

application = count_views(wrap(django_application))
# Cached pages are re-rendered on the popular lists' five-minute clock anyway, so a
# serving process works the lists out once per tick, not once per page.
popularity.remember_for(POPULAR_SECONDS)
