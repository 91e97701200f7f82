"""Template filters for numbers as fans read them."""

from django import template

from renewcast import numbers

register = template.Library()

register.filter("compact", numbers.compact)
