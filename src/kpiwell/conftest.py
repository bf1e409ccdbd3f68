from __future__ import annotations

import pytest
from django.conf import LazySettings

from kpiwell.testing.personas import Personas, make_personas

FAST_TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: LazySettings, request: pytest.FixtureRequest) -> None:
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    ``test_passwords_are_hashed_with_argon2`` opts out to check the real setting."""
    if "real_hashers" not in request.keywords:
        settings.PASSWORD_HASHERS = FAST_TEST_HASHERS


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()
