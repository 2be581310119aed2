"""Periodic reviews: daily, weekly, monthly and quarterly reports with their own content and the
insights of the period, rendered as self-contained HTML, Markdown or PDF, scheduled and
delivered by email or webhook (docs/reviews.md)."""
