"""Who is asking: sign-in (password sessions, API tokens, a trusted proxy's header, or the
single user of a loopback server), CSRF, throttling, security headers and role checks
(docs/access-control.md)."""
