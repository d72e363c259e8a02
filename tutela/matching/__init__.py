"""The name-matching engine: plain Python, no Django import, benchmarkable alone.

Watchlist entries and screening queries are `Entity` records (tutela.matching.entities).
"""
