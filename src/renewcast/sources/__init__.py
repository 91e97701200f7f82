"""Pure readers of outside data.

Nothing in this package imports Django: each reader takes bytes (or a path or URL
through :mod:`renewcast.sources.fetch`) and returns plain dataclasses, so it can be
read, tested and reused on its own. Writing into the knowledge base is the job of
:mod:`renewcast.catalog.ingest`.
"""
