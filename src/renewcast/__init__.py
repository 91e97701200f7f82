"""renewcast: will my show come back, and when?"""

__version__ = "0.1.0"
