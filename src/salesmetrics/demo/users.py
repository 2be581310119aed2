"""The demo company's users: one per role, with documented passwords (docs/demo.md), so the
scoping can be seen in the browser — the manager of the story team and its star rep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesmetrics.demo.config import STORY

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: user name -> (role, password); the manager and rep are linked below
DEMO_USERS = {
    "admin": ("admin", "northwind-admin"),
    "exec": ("executive", "northwind-exec"),
    "manager": ("manager", "northwind-manager"),
    "rep": ("rep", "northwind-rep"),
}


def add_demo_users(ws: Workspace) -> dict[str, str | None]:
    """Create the demo users (or reset them to their documented role, rep and password on a
    rebuild); returns each one's rep id (manager: the story team's manager, rep: the team's
    star rep). Other users of the workspace are kept."""
    from salesmetrics.access.users import add_user, find_user, reset_password, set_role

    found = ws.backend.rows(
        "SELECT rep_id FROM reps WHERE team = ? AND role = 'manager' ORDER BY rep_id",
        [STORY.story_team],
    )
    links = {"manager": str(found[0][0]) if found else None, "rep": STORY.star_rep}
    for name, (role, password) in DEMO_USERS.items():
        rep = links.get(name)
        if find_user(ws.backend, name) is None:
            add_user(ws, name, role, rep_id=rep, password=password,
                     email=f"{name}@northwind.example")  # fmt: skip
        else:
            set_role(ws, name, role, rep)
            reset_password(ws, name, password)
    return {name: links.get(name) for name in DEMO_USERS}
