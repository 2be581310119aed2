"""What routes depend on: the identity of the request, a permission, and a form's CSRF token."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.identity import Identity
from salesmetrics.web.errors import ApiError


def current_identity(request: Request) -> Identity:
    found: Identity | None = getattr(request.state, "identity", None)
    if found is None:  # the middleware lets only open paths through without one
        raise ApiError(401, "Sign in at /login first.", "unauthenticated")
    return found


IdentityDep = Annotated[Identity, Depends(current_identity)]

WHAT = {
    Permission.read: "read data",
    Permission.quality: "see whole-table facts (row counts, date ranges, data quality)",
    Permission.write: "import data or change settings",
    Permission.administer: "manage users or read the audit log",
}


def require(permission: Permission) -> Callable[[Identity], Identity]:
    """A dependency refusing (403) a role without ``permission``."""

    def check(identity: IdentityDep) -> Identity:
        if not identity.may(permission):
            raise ApiError(403, f"{identity.name} ({identity.role.value}) may not "
                           f"{WHAT[permission]}; ask an admin.", "forbidden")  # fmt: skip
        return identity

    return check


def check_form_csrf(identity: Identity, sent: str | None) -> None:
    """A form posted with an ambient credential (session, proxy, single user) must carry its
    CSRF token; a bearer token needs none."""
    if identity.csrf is None:
        return
    if not sent or not hmac.compare_digest(sent, identity.csrf):
        raise ApiError(403, "The form is missing its CSRF token (reload the page and try "
                       "again).", "csrf")  # fmt: skip
