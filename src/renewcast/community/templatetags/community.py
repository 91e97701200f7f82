"""Template filters for fans' text: a comment body as escaped, auto-linked HTML."""

from django import template

from renewcast.community.text import comment_html

register = template.Library()
register.filter("comment_body", comment_html)
