"""The programmes section of a career profile (careers:detail), fed by the training app."""

import pytest

from careers.tests.factories import CareerFactory
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_profile_lists_programmes_grouped_by_path(client):
    career = CareerFactory()
    school = PathFactory(title="École spécialisée", position=1)
    bootcamp = PathFactory(title="Bootcamp", position=2)
    hidden_path = PathFactory(title="Parcours en brouillon", position=3, draft=True)
    ProgrammeFactory(title="Bootcamp B", path=bootcamp, careers=[career], price=9000)
    ProgrammeFactory(title="Bootcamp A", path=bootcamp, careers=[career], price=5000)
    ProgrammeFactory(title="Cursus en cinq ans", path=school, careers=[career], duration_months=60)
    ProgrammeFactory(title="Formation en brouillon", path=school, careers=[career], draft=True)
    ProgrammeFactory(title="Autre métier", path=school, careers=[CareerFactory()])
    ProgrammeFactory(title="Parcours non publié", path=hidden_path, careers=[career])
    response = client.get(career.get_absolute_url())
    groups = [
        (g.path.title if g.path else None, [p.title for p in g.programmes])
        for g in response.context["programme_groups"]
    ]
    assert groups == [
        ("École spécialisée", ["Cursus en cinq ans"]),
        ("Bootcamp", ["Bootcamp A", "Bootcamp B"]),
        (None, ["Parcours non publié"]),
    ]
    text = response.text
    section = text[text.index('id="programmes"') : text.index("</section>", text.index('id="programmes"'))]
    assert f'<a href="{bootcamp.get_absolute_url()}">Bootcamp</a>' in section
    # A published programme on an unpublished path is listed; the path is neither named nor linked.
    assert "<h3>Autres formations</h3>" in section
    assert "Parcours en brouillon" not in section and hidden_path.slug not in section
    assert "5\xa0000\xa0€" in section and "5 ans" in section


def test_section_sits_after_certifications_and_is_hidden_when_empty(client):
    career = CareerFactory()
    assert 'id="programmes"' not in client.get(career.get_absolute_url()).text
    career.certifications.create(name="Certification IA")
    ProgrammeFactory(careers=[career])
    text = client.get(career.get_absolute_url()).text
    assert text.index('id="certifications"') < text.index('id="programmes"')


def test_programmes_on_several_unpublished_paths_share_one_group_and_its_total(client):
    from training import selectors

    career = CareerFactory()
    first, second = PathFactory(draft=True), PathFactory(draft=True)
    for price in range(selectors.PROGRAMMES_PER_PATH + 1):
        ProgrammeFactory(path=first, careers=[career], price=price)
    ProgrammeFactory(path=second, careers=[career])
    response = client.get(career.get_absolute_url())
    groups = response.context["programme_groups"]
    assert [(g.path, g.total) for g in groups] == [(None, selectors.PROGRAMMES_PER_PATH + 2)]
    assert len(groups[0].programmes) == selectors.PROGRAMMES_PER_PATH + 1
    assert f'href="/formations/?metier={career.slug}">Voir toutes les formations vers ce métier' in response.text
