"""`salesmetrics import` (to be written)."""
