"""The community: fans' comments, scored predictions, moderation and what is popular."""
