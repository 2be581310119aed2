"""Independent pandas reference for the KPI engine, and the small fixture company it runs on."""
