"""The public site: home, search and show pages."""
