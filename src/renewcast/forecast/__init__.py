"""Renewal forecasting in plain Python: no Django, so it can be read, tested and reused alone.

``history`` holds the facts a forecast may use, ``features`` turns them into numbers as of
a date, ``model`` fits and applies a calibrated logistic regression, ``forecaster`` puts
them together (refitting on the decisions known before each as-of date), and ``backtest``
measures how often it is right.
"""
