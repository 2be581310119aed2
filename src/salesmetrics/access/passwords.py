"""Passwords hashed with Argon2id (argon2-cffi), checked in constant time."""

from __future__ import annotations

from functools import cache

from salesmetrics.errors import UserError

MIN_LENGTH = 10


@cache
def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def check_policy(password: str) -> None:
    """Refuse a password too short to resist guessing."""
    if len(password) < MIN_LENGTH:
        raise UserError(f"A password needs at least {MIN_LENGTH} characters.")


def hash_password(password: str) -> str:
    check_policy(password)
    return str(_hasher().hash(password))


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash`` (never raises on a wrong password)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_hasher().verify(stored_hash, password))
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """A hash to verify against when the user is unknown (same time as a real check)."""
    return str(_hasher().hash("salesmetrics-no-such-user"))
