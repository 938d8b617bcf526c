import pytest

from careers.models import PayFigure
from careers.tests.factories import (
    CareerFactory,
    FAQEntryFactory,
    MarketFigureFactory,
    MissionFactory,
    PayFigureFactory,
    SectorFactory,
    SkillFactory,
    SourceFactory,
)
from jobs.tests.factories import JobOfferFactory
from training.tests.factories import PathFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_empty_profile_hides_every_optional_section(client):
    career = CareerFactory(title="Fiche vide")
    response = client.get(career.get_absolute_url())
    assert response.status_code == 200
    for heading in ["Missions", "Compétences", "Secteurs qui recrutent", "Salaire en France", "En freelance",
                    "Rémunération à l’étranger", "Le marché de l’emploi", "Certifications utiles",
                    "Questions fréquentes", "Sources"]:  # fmt: skip
        assert f">{heading}</h2>" not in response.text


def test_full_profile_shows_each_section(client):
    source = SourceFactory(title="Baromètre 2025", publisher="Apec")
    career = CareerFactory(title="Chef de projet IA", other_names="AI Project Manager, AI Product Manager")
    MissionFactory(career=career, title="Construire la feuille de route", position=2)
    MissionFactory(career=career, title="Définir les objectifs", position=1)
    career.skills.add(SkillFactory(name="Python"), SkillFactory(name="Écoute", kind="soft"))
    career.sectors.add(SectorFactory(name="Santé", slug="sante"))
    PayFigureFactory(career=career, source=source, amount_low=38000, amount_high=54000)
    PayFigureFactory(career=career, source=source, kind=PayFigure.Kind.DAY_RATE, amount_low=700, amount_high=900)
    PayFigureFactory(
        career=career, source=source, country="US", area="Silicon Valley", currency="USD",
        amount_low=83000, amount_high=130000,
    )  # fmt: skip
    MarketFigureFactory(career=career, source=source, offer_count=250)
    FAQEntryFactory(career=career, question="Quelle différence avec un chef de projet Data ?")
    response = client.get(career.get_absolute_url())
    text = response.text
    assert "AI Project Manager, AI Product Manager" in text
    assert text.index("Définir les objectifs") < text.index("Construire la feuille de route")
    assert "Python" in text and "Écoute" in text and "Santé" in text
    assert "38\xa0000\xa0€ – 54\xa0000\xa0€" in text
    assert "700\xa0€ – 900\xa0€" in text
    assert "83\xa0000\xa0$\xa0US – 130\xa0000\xa0$\xa0US" in text
    assert "Silicon Valley (États-Unis)" in text
    assert "Environ 250 offres d’emploi relevées en octobre 2025" in text
    assert "Quelle différence avec un chef de projet Data ?" in text
    assert 'id="sources"' in text and "Baromètre 2025, Apec, mis à jour en octobre 2025" in text
    assert "<svg" in text and 'aria-describedby="pay-france-table"' in text


def test_question_without_answer_is_hidden(client):
    career = CareerFactory()
    FAQEntryFactory(career=career, question="Sans réponse encore ?", answer="")
    response = client.get(career.get_absolute_url())
    assert "Sans réponse encore ?" not in response.text
    assert ">Questions fréquentes</h2>" not in response.text


def test_up_to_and_single_value_amounts_read_naturally(client):
    career = CareerFactory()
    PayFigureFactory(career=career, kind=PayFigure.Kind.DAY_RATE, amount_low=None, amount_high=1200)
    PayFigureFactory(career=career, kind=PayFigure.Kind.DAY_RATE, amount_low=667, amount_high=667)
    text = client.get(career.get_absolute_url()).text
    assert "jusqu’à 1\xa0200\xa0€" in text
    assert "667\xa0€ –" not in text and "667\xa0€" in text


def test_breadcrumb_follows_the_hierarchy(client):
    it = CareerFactory(title="Chef de projet IT")
    data = CareerFactory(title="Chef de projet Data", parent=it)
    ia = CareerFactory(title="Chef de projet IA", parent=data)
    text = client.get(ia.get_absolute_url()).text
    crumbs = text[text.index('class="breadcrumb"') :]
    assert crumbs.index("Chef de projet IT") < crumbs.index("Chef de projet Data") < crumbs.index("Chef de projet IA")
    parent_page = client.get(data.get_absolute_url()).text
    assert "Spécialités de ce métier" in parent_page and ia.get_absolute_url() in parent_page


def test_markdown_body_is_sanitised(client):
    career = CareerFactory(
        body="## Titre\n\n<script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    text = client.get(career.get_absolute_url()).text
    assert "<h2>Titre</h2>" in text
    assert "<script>alert" not in text and "javascript:" not in text and "onerror" not in text


def test_draft_is_not_found_for_the_public(client):
    career = CareerFactory(draft=True)
    assert client.get(career.get_absolute_url()).status_code == 404


def test_staff_see_draft_with_banner(staff_client):
    career = CareerFactory(draft=True, title="En préparation")
    response = staff_client.get(career.get_absolute_url())
    assert response.status_code == 200
    assert "banner-draft" in response.text and "Brouillon" in response.text


def test_published_page_has_no_banner(staff_client):
    career = CareerFactory()
    assert "banner-draft" not in staff_client.get(career.get_absolute_url()).text


def test_unknown_slug_is_404(client):
    assert client.get("/metiers/inconnu/").status_code == 404


@pytest.mark.parametrize("figures", [1, 15])
def test_query_count_does_not_grow_with_figures(client, django_assert_num_queries, figures):
    parent = CareerFactory()
    career = CareerFactory(parent=parent)
    CareerFactory(parent=career)
    for _ in range(figures):
        source = SourceFactory()
        PayFigureFactory(career=career, source=source)
        PayFigureFactory(career=career, source=source, country="US", currency="USD")
        MarketFigureFactory(career=career, source=source)
        MissionFactory(career=career)
        FAQEntryFactory(career=career)
        career.skills.add(SkillFactory())
        career.sectors.add(SectorFactory())
        ProgrammeFactory(careers=[career])
        JobOfferFactory(career=career, salary_low=40000, salary_high=50000)
    # 1 career with its ancestors, 1 each for its sectors, skills, published sub-careers, pay figures (+source)
    # and market figures (+source), 1 for its missions, certifications and answered questions together
    # (Career.lists), 1 for the programmes leading to it (+path, provider), and for its open offers 1 five
    # newest, 1 count, pay range and median.
    with django_assert_num_queries(10):
        response = client.get(career.get_absolute_url())
    assert response.status_code == 200


def test_profile_lists_the_cheapest_programmes_of_each_path_and_links_to_the_rest(client):
    """A career reached by many programmes keeps a page of bounded size: five per path, then a link."""
    career = CareerFactory()
    busy, quiet = PathFactory(title="Bootcamp", position=1), PathFactory(title="Université", position=2)
    prices = [9000, 1000, 7000, 3000, 5000, 2000, 8000]
    for price in prices:
        ProgrammeFactory(careers=[career], path=busy, price=price, title=f"Bootcamp à {price}")
    ProgrammeFactory(careers=[career], path=quiet, price=None, title="Licence")
    ProgrammeFactory(careers=[career], path=busy, price=500, title="Brouillon", status="draft")

    response = client.get(career.get_absolute_url())
    groups = response.context["programme_groups"]
    assert [group.path for group in groups] == [busy, quiet]
    assert [p.price for p in groups[0].programmes] == sorted(prices)[:5]
    assert groups[0].total == 7 and groups[1].total == 1
    html = response.text
    link = f"/formations/?metier={career.slug}&amp;parcours={busy.slug}"
    assert f'href="{link}"' in html
    assert "Voir les 7 formations de ce parcours" in html
    assert "Bootcamp à 9000" not in html and "Brouillon" not in html
    assert html.count("formations de ce parcours") == 1  # the quiet path shows all it has, without a link

    listed = client.get(link.replace("&amp;", "&"))
    assert sorted(p.price for p in listed.context["programmes"]) == sorted(prices)


def test_profile_links_published_related_careers_and_shows_studies(client):
    career = CareerFactory(studies="Un **master** en informatique.")
    near, hidden = CareerFactory(title="Data engineer"), CareerFactory(title="Brouillon", draft=True)
    child = CareerFactory(title="Spécialité", parent=career)
    career.related.add(near, hidden, child)
    response = client.get(career.get_absolute_url())
    html = response.content.decode()
    assert ">Études et niveau</h2>" in html and "<strong>master</strong>" in html
    related = html.split('id="related"')[1].split("</section>")[0]
    assert "Data engineer" in related and "Brouillon" not in related
    # A sub-career is listed once, under the specialities.
    assert "Spécialité" not in related
    assert "Spécialité" in html.split('id="specialities"')[1].split("</section>")[0]
    # Related both ways.
    assert career.title in client.get(near.get_absolute_url()).content.decode().split('id="related"')[1]


def test_each_figure_shows_its_source_date_note_and_age(client):
    import datetime

    career = CareerFactory()
    school = SourceFactory(
        publisher="École", published_on=datetime.date(2025, 10, 1), note="Article d’une école qui vend la formation."
    )
    fresh = SourceFactory(publisher="Cabinet", published_on=datetime.date.today(), date_precision="day")
    PayFigureFactory(career=career, source=school, amount_low=38000, amount_high=54000)
    PayFigureFactory(career=career, source=fresh, amount_low=41000, amount_high=52000)
    html = client.get(career.get_absolute_url()).content.decode()
    table = html.split('id="pay-france-table"')[1].split("</table>")[0]
    assert ">Mis à jour le</th>" in table
    assert "octobre 2025" in table and "Article d’une école qui vend la formation." in table
    assert table.count("source de plus de 12 mois") == 1
    assert "publiée il y a plus de 12 mois" in html


def test_profile_without_stale_figure_has_no_notice(client):
    import datetime

    career = CareerFactory()
    PayFigureFactory(career=career, source=SourceFactory(published_on=datetime.date.today()))
    html = client.get(career.get_absolute_url()).content.decode()
    assert "plus de 12 mois" not in html


def test_a_career_cannot_take_the_ranking_page_slug():
    from django.core.exceptions import ValidationError

    career = CareerFactory.build(slug="les-mieux-payes", summary="S.")
    with pytest.raises(ValidationError, match="page du portail"):
        career.full_clean()
