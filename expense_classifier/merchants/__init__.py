"""Merchants: clean names from bank descriptors, the shipped directory of brands, the user's rules, and
the one lookup order (rules → directory → model). May import `inference`, `reading` and the shared
top-level modules; imports nothing of training.
"""
