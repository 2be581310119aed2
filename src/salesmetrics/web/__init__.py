"""The dashboard and REST API (FastAPI): ``create_app(workspace)``; `salesmetrics serve`."""
