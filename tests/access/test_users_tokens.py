"""Users, tokens, the reps a user reaches and the audit log, on a real workspace."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from salesmetrics.access import audit, store
from salesmetrics.access.reach import reached_reps, viewer_for, whole_teams
from salesmetrics.access.roles import Role
from salesmetrics.access.tokens import all_tokens, create_token, revoke_token, verify_token
from salesmetrics.access.users import (
    add_user,
    authenticate,
    get_user,
    reset_password,
    set_disabled,
    set_role,
)
from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.workspace import Workspace
from tests.reference.fixture import load_workspace

PASSWORD = "correct horse battery"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(load_workspace(tmp_path / "w.duckdb"))
    yield workspace  # type: ignore[misc]
    workspace.close()


def test_password_is_hashed_checked_and_never_listed(ws: Workspace) -> None:
    user = add_user(ws, "Ann", "rep", rep_id="r1", password=PASSWORD, email="ann@example.com")
    assert user.name == "ann"
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    assert "password_hash" not in user.public()
    assert authenticate(ws.backend, "ANN", PASSWORD)[0] == user
    assert authenticate(ws.backend, "ann@example.com", PASSWORD)[0] == user
    assert authenticate(ws.backend, "ann", "wrong password!")[1] == "wrong password"
    assert authenticate(ws.backend, "nobody", PASSWORD)[1] == "unknown user"
    raw = ws.backend.rows("SELECT value FROM _salesmetrics_meta WHERE key = 'access.user.ann'")
    assert PASSWORD not in raw[0][0]


def test_bad_users_are_refused(ws: Workspace) -> None:
    with pytest.raises(UserError, match="at least 10"):
        add_user(ws, "bob", "executive", password="short")
    with pytest.raises(UserError, match="linked to a rep"):
        add_user(ws, "bob", "rep", password=PASSWORD)
    with pytest.raises(UserError, match="No rep 'zz'"):
        add_user(ws, "bob", "rep", rep_id="zz", password=PASSWORD)
    with pytest.raises(UserError, match="not valid"):
        add_user(ws, "bad name!", "admin", password=PASSWORD)
    with pytest.raises(UnknownNameError, match="Did you mean 'manager'"):
        add_user(ws, "bob", "manger", rep_id="m1", password=PASSWORD)
    add_user(ws, "bob", "admin", password=PASSWORD)
    with pytest.raises(UserError, match="exists"):
        add_user(ws, "BOB", "admin", password=PASSWORD)
    # a manager may be linked to a manager id that only reps.manager names (no reps row)
    assert add_user(ws, "mia", "manager", rep_id="m1", password=PASSWORD).rep_id == "m1"


def test_changes_move_the_epoch_and_disable_stops_sign_in(ws: Workspace) -> None:
    user = add_user(ws, "ann", "rep", rep_id="r1", password=PASSWORD)
    changed = set_role(ws, "ann", "manager", "m1")
    assert (changed.role, changed.rep_id, changed.epoch) == (Role.manager, "m1", user.epoch + 1)
    disabled = set_disabled(ws, "ann", True)
    assert disabled.epoch == user.epoch + 2
    assert authenticate(ws.backend, "ann", PASSWORD) == (None, "disabled")
    set_disabled(ws, "ann", False)
    reset_password(ws, "ann", "another long password")
    assert authenticate(ws.backend, "ann", PASSWORD)[1] == "wrong password"
    assert get_user(ws.backend, "ann").epoch == user.epoch + 4


def test_tokens_are_hashed_capped_revocable_and_expire(ws: Workspace) -> None:
    add_user(ws, "mia", "manager", rep_id="m1", password=PASSWORD)
    token = create_token(ws, "mia", label="reports")
    assert token.startswith("sm_")
    stored = all_tokens(ws.backend)
    assert (
        len(stored) == 1
        and stored[0].secret_hash != token
        and token.split("_", 2)[2] not in (stored[0].secret_hash)
    )
    found = verify_token(ws.backend, token)
    assert found is not None and found[0].role is Role.manager
    assert verify_token(ws.backend, token[:-2] + "xx") is None
    assert verify_token(ws.backend, "sm_nothing_here") is None
    with pytest.raises(UserError, match="cannot have the role admin"):
        create_token(ws, "mia", role="admin")
    lower = create_token(ws, "mia", role="rep")
    assert verify_token(ws.backend, lower)[0].role is Role.rep  # type: ignore[index]
    revoke_token(ws, stored[0].id)
    assert verify_token(ws.backend, token) is None
    set_disabled(ws, "mia", True)
    assert verify_token(ws.backend, lower) is None
    set_disabled(ws, "mia", False)
    # an expired token: rewrite its expiry into the past
    record = store.get(ws.backend, store.TOKEN + lower.split("_")[1])
    assert record is not None
    record["expires_at"] = (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()
    store.put(ws.backend, store.TOKEN + lower.split("_")[1], record)
    assert verify_token(ws.backend, lower) is None


REPS = [  # rep_id, name, email, team, manager
    ("vp", "Vera Page", "vera@x", None, None),
    ("m1", "Max Moss", "max@x", "East", "Vera Page"),
    ("m2", "Mo Dee", "mo@x", "West", "vp"),
    ("r1", "Ann", "ann@x", "East", "m1"),
    ("r2", "Bob", "bob@x", "East", "MAX@X "),
    ("r3", "Cid", "cid@x", "West", "Mo Dee"),
    ("r4", "Dee", "dee@x", "East", None),  # no manager, but in m1's team
    ("r5", "Eve", "eve@x", "North", "r1"),  # managed by a rep managed by m1
    ("c1", "Cy", "cy@x", "Loop", "c2"),
    ("c2", "Cz", "cz@x", "Loop", "c1"),  # a cycle
    ("d1", "Twin", "t1@x", "South", None),
    ("d2", "Twin", "t2@x", "South", None),
    ("d3", "Dan", "dan@x", "Far", "Twin"),  # an ambiguous manager name reaches no one
]


def test_reach_is_transitive_by_id_name_or_email_plus_the_own_team() -> None:
    assert reached_reps(REPS, Role.manager, "m1") == {"m1", "r1", "r2", "r4", "r5"}
    assert reached_reps(REPS, Role.manager, "vp") == {
        "vp", "m1", "m2", "r1", "r2", "r3", "r4", "r5"
    }  # fmt: skip
    assert reached_reps(REPS, Role.manager, "c1") == {"c1", "c2"}
    assert reached_reps(REPS, Role.manager, "d1") == {"d1", "d2"}  # the team only, not d3
    assert reached_reps(REPS, Role.rep, "r1") == {"r1"}
    assert reached_reps(REPS, Role.manager, None) == set()
    assert whole_teams(REPS, {"m1", "r1", "r2", "r4", "r5"}) == frozenset({"East", "North"})


def test_viewer_reads_the_reps_table_and_admins_reach_everything(ws: Workspace) -> None:
    manager = add_user(ws, "mia", "manager", rep_id="m1", password=PASSWORD)
    admin = add_user(ws, "root", "admin", password=PASSWORD)
    seen = viewer_for(ws.backend, manager)
    assert seen.reps == {"m1", "r1", "r2", "r3", "r8"} and seen.restricted
    assert seen.scope() == {"rep": ["m1", "r1", "r2", "r3", "r8"]}
    assert viewer_for(ws.backend, admin).reps is None
    assert viewer_for(ws.backend, admin).cache_key != seen.cache_key


def test_audit_records_newest_first_and_filters(ws: Workspace) -> None:
    audit.record(ws.backend, "ann", "sign_in", {"role": "rep"}, "10.0.0.1")
    audit.record(ws.backend, "bob", "sign_in_failed", {"reason": "wrong password"}, "10.0.0.2")
    found = audit.entries(ws.backend)
    assert [e.action for e in found[:2]] == ["sign_in_failed", "sign_in"]
    assert audit.entries(ws.backend, action="sign_in")[0].actor == "ann"
    assert audit.entries(ws.backend, actor="BOB")[0].detail == {"reason": "wrong password"}
