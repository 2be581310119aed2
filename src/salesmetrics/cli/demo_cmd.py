"""`salesmetrics demo` (to be written)."""
