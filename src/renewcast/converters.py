"""The ``<text:…>`` URL part: Django's ``str`` without the NUL character.

PostgreSQL refuses a NUL in any text it is asked to compare, so ``/shows/%00/`` used to
be a server error there (a 404 on SQLite). No slug or token can hold one, so such an
address simply matches nothing: a 404 on every database.
"""

from django.urls import register_converter


class TextConverter:
    regex = "[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TextConverter, "text")
