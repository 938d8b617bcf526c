"""No input makes a public page answer 5xx (hypothesis).

Every public endpoint the root URL resolver knows is covered, list pages with
arbitrary query strings, detail patterns with arbitrary path segments too;
endpoints that later apps add (training, jobs, the API) are covered as they
arrive. Runs are bounded and derandomised: the same examples on every run.
"""

import io
from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from portal.tests.discovery import factories_by_model, filter_names, known_url_kwargs, public_patterns

PATTERNS = list(public_patterns())
LIST_PATTERNS = [p for p in PATTERNS if not p[1]]
DETAIL_PATTERNS = [p for p in PATTERNS if p[1]]

BOUNDED = hypothesis_settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
COMMON_KEYS = ["page", "page_size", "format", "ordering", "search", "q", "limit", "offset", "cursor", "sort", "tri"]
ODD_VALUES = [
    "", "0", "-1", "1.5", "1e309", "NaN", "inf", "-0", "9" * 40, "\x00", "\x00abc", "%", "%00", "../..",
    "' OR 1=1 --", "<script>alert(1)</script>", "☃", "\U0001f600", "\u202e", "a" * 3000, "[]", "{}", "null", "true",
]  # fmt: skip


def query_strings(keys):
    key = st.one_of(st.sampled_from(sorted(keys)), st.text(max_size=20))
    value = st.one_of(
        st.sampled_from(ODD_VALUES),
        st.text(max_size=60),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.integers(min_value=1_000, max_value=20_000).map(lambda n: "9" * n),
    )
    pairs = st.lists(st.tuples(key, value), max_size=8)
    # Repeated keys included: a key drawn twice is sent twice.
    encoded = pairs.map(lambda items: urlencode(items, doseq=True))
    raw_ascii = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=80)
    broken_utf8 = st.binary(max_size=40).map(lambda data: "q=" + quote_from_bytes(data))
    return st.one_of(encoded, raw_ascii, broken_utf8)


def segments(known):
    strategies = [
        st.sampled_from(ODD_VALUES),
        st.text(min_size=1, max_size=80),
        st.from_regex(r"[-a-z0-9_]{1,60}", fullmatch=True),
    ]
    if known:
        strategies.insert(0, st.sampled_from(known))
    return st.one_of(*strategies)


@pytest.fixture
def content(db):
    """The shipped content plus one row from every factory: pages with something to show."""
    call_command("load_content", stdout=io.StringIO())
    for factory_class in factories_by_model().values():
        factory_class()


@pytest.fixture
def clients(content, staff_user):
    staff = Client()
    staff.force_login(staff_user)
    return {"visitor": Client(), "staff": staff}


def test_public_endpoints_are_found():
    assert LIST_PATTERNS and DETAIL_PATTERNS, "nothing discovered: the tests below would cover nothing"


@pytest.mark.parametrize(
    ("route", "params", "view_name", "pattern"), LIST_PATTERNS, ids=[p[2] or p[0] for p in LIST_PATTERNS]
)
def test_list_page_never_answers_5xx_whatever_the_query(clients, route, params, view_name, pattern):
    keys = set(COMMON_KEYS) | filter_names(pattern)

    @BOUNDED
    @given(query=query_strings(keys), who=st.sampled_from(sorted(clients)))
    def check(query, who):
        response = clients[who].get("/" + route, QUERY_STRING=query)
        assert response.status_code < 500, (who, query)

    check()


@pytest.mark.parametrize(
    ("route", "params", "view_name", "pattern"), DETAIL_PATTERNS, ids=[p[2] or p[0] for p in DETAIL_PATTERNS]
)
def test_detail_page_never_answers_5xx_whatever_the_path(clients, route, params, view_name, pattern):
    known = known_url_kwargs().get(view_name, [])
    by_param = {name: sorted({str(kwargs[name]) for kwargs in known if name in kwargs}) for name in params}
    values = st.fixed_dictionaries({name: segments(by_param[name]) for name in params})

    @BOUNDED
    @given(values=values, query=query_strings(set(COMMON_KEYS)), who=st.sampled_from(sorted(clients)))
    def check(values, query, who):
        path = "/" + route % {name: quote(value, safe="") for name, value in values.items()}
        response = clients[who].get(path, QUERY_STRING=query)
        assert response.status_code < 500, (who, path, query)

    check()
