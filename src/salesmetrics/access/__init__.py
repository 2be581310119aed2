"""Who may see what: users and roles, API tokens, the reps a user reaches (the scope every
engine query carries), and the audit log — all stored in the workspace (docs/access-control.md).
"""
