"""Placeholder: fan predictions (being built)."""


def crowd_summary(show, number):
    return None


def prediction_context(fan, show, number, today):
    return {}
