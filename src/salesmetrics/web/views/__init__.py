"""The dashboard's pages: server-rendered Jinja2 templates with Plotly charts."""
