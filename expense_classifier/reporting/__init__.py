"""Reporting results: categorized rows written as CSV/JSON, spending summaries and charts.
May import `inference` (its Prediction type) and the shared top-level modules.
"""
