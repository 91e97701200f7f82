"""Template tags of the alerts app."""
