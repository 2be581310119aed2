"""What a KPI's numbers mean: targets and attainment, benchmarks, the scorecard.

Built on the engine's results (``salesmetrics.engine``) and the catalog; reads the workspace
only through them (the ``targets`` table through an Ibis expression the engine compiles).
"""
