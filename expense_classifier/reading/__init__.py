"""Reading what people bring: receipts, statement tables (CSV/JSON) and amounts, into texts and amounts.
Imports nothing of the model; may import `data.io` and the shared top-level modules.
"""
