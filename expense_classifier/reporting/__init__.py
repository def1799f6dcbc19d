"""Reporting results: categorized rows written as CSV/JSON, spending summaries and charts.
May import `inference.prediction` (the Prediction type; no torch) and the shared top-level modules.
"""
