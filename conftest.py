"""Persona fixtures shared by every app's tests."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def visitor(client):
    """An anonymous visitor's browser."""
    return client


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        username="redaction", password="motdepasse-de-test", is_staff=True, email="redaction@example.org"
    )


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="chef", password="motdepasse-de-test", email="chef@example.org"
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so API throttle counts never carry over from another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
