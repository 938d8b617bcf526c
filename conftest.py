"""Persona fixtures shared by every app's tests."""

import io

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


def member_of(group_name: str, username: str):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_roles", stdout=io.StringIO())
    user = get_user_model().objects.create_user(username=username, password="motdepasse-de-test", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    """A member of "Rédaction": writes content and sends it to review."""
    return member_of("Rédaction", "redactrice")


@pytest.fixture
def chief_editor(db):
    """A member of "Chef d’édition": writes content and publishes careers, paths and programmes."""
    return member_of("Chef d’édition", "cheffe-edition")


@pytest.fixture
def moderator(db):
    """A member of "Modération des offres": publishes and archives offers."""
    return member_of("Modération des offres", "moderateur")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def chief_editor_client(client, chief_editor):
    client.force_login(chief_editor)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache, so API throttle counts never carry over from another test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def communes(db):
    """A dozen real communes, test data copied from places/data/communes.csv (places/tests/test_data_communes.csv),
    loaded as ``load_communes`` loads the full file; by INSEE code."""
    from pathlib import Path

    from django.core.management import call_command

    from places.models import Commune

    data = Path(__file__).resolve().parent / "places" / "tests" / "test_data_communes.csv"
    call_command("load_communes", file=data, stdout=io.StringIO())
    return {commune.code: commune for commune in Commune.objects.all()}
