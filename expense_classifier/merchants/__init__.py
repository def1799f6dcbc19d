"""Merchants: clean names from bank descriptors, the shipped directory of brands, the user's rules, and
the one lookup order (rules → money in → directory → model, `lookup`). May import `inference` (the
Categorizer, lazily; `inference.prediction`), `reading` and the shared top-level modules; imports nothing
of training.
"""
