"""`salesmetrics tables and check` (to be written)."""
