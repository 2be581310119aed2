"""The REST API: one router per resource, lists as ``{data, count}``."""
