"""Alerts: readers follow a show by e-mail or webhook and hear when something changes."""
