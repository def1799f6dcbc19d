"""Serving: the HTTP service on LitServe (server), its LitAPI (api), request checking (requests), the
rules endpoints (rules_api), the page (web/) and process control for tests and benchmarks (process).
May import `inference`, `merchants`, `reading`, `reporting` and the shared top-level modules.
"""
