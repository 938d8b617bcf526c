"""``make bench`` judges the issue's targets from what it measured (bench/run.py ``verdicts``)."""

from bench.run import LAST_PAGE, PAGE_1, PAGE_500, SEARCH, verdicts

LOAD = {"connections": 16, "duration_s": 60}


def row(name, p50=10.0, p95=20.0, queries=3, errors=0, ratio=1.0, path=None):
    return {
        "name": name,
        "path": path or f"/{name}/",
        "p50_ms": p50,
        "p95_ms": p95,
        "queries": queries,
        "errors": errors,
        "ratio_to_limit": ratio,
    }


def judged(passes, load=LOAD, database="", saves=None):
    return {target.split(":")[0]: met for target, met in verdicts(passes, load, database, saves)}


def test_every_target_met():
    passes = {
        "latency": [row(PAGE_1, p50=20, p95=45), row(PAGE_500, p50=39), row(LAST_PAGE, p50=15), row(SEARCH, p95=140)],
        "cold": [row(PAGE_1, queries=3), row(SEARCH, queries=7)],
        "warm": [row("minimal", path="/bench/minimal/"), row(PAGE_1, ratio=0.51, queries=0)],
    }
    assert judged(passes) == {
        f"{PAGE_1}": True,
        f"{PAGE_500}": True,
        f"{LAST_PAGE}": True,
        f"{SEARCH}": True,
        "SQL queries ≤ 10": True,
        "warm ÷ minimal view ≥ 0.5": True,
        "no error at 16 clients for 60 s, no cache": True,
        "no error in any pass": True,
    }


def test_each_target_missed_is_said():
    passes = {
        "latency": [row(PAGE_1, p50=20, p95=50), row(PAGE_500, p50=41), row(LAST_PAGE, p50=40.5), row(SEARCH, p95=150)],
        "cold": [row(PAGE_1, queries=11, errors=2)],
        "warm": [row("minimal", path="/bench/minimal/"), row(PAGE_500, ratio=0.49)],
    }
    assert not any(judged(passes).values())


def test_only_what_ran_is_judged():
    """A quick run (one endpoint, a short cold pass) judges no latency target nor the 60-second one."""
    assert judged({"cold": [row("/metiers/", queries=5)]}, {"connections": 16, "duration_s": 5}) == {
        "SQL queries ≤ 10": True,
        "no error in any pass": True,
    }


def test_the_eighty_searches_and_an_offer_save_are_judged_per_database():
    first = row("80 searches, first hits", p95=120)
    sqlite = judged({"latency": [first]}, database="sqlite", saves={"p95_ms": 12})
    postgres = judged({"latency": [first]}, database="postgresql", saves={"p95_ms": 25})
    assert sqlite["80 searches, nothing cached"] and not postgres["80 searches, nothing cached"]
    assert sqlite["saving an offer"] and not postgres["saving an offer"]
