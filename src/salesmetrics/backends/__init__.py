"""Connections to the engines that hold a workspace: DuckDB by default."""
