"""The admin index's "To review" line: how many claims and articles wait for an editor."""

from django import template

from renewcast.catalog.review_queue import waiting_counts

register = template.Library()


@register.simple_tag
def to_review():
    claims, articles = waiting_counts()
    return {"claims": claims, "articles": articles}
