"""Fixtures for the browser tests: one headless Chromium for the package, pages reused by every test.

The tools come from ``make browser-deps``. Where one is missing these tests are
skipped with a message saying how to install it; when ``CI`` is set they fail
instead, so a CI run can never pass without them.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import sync_playwright
except ImportError:  # requirements-dev.txt not installed
    sync_playwright = None
    PlaywrightTimeoutError = TimeoutError

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = settings.BASE_DIR / "test-artifacts"
HOW_TO_ENABLE = "Install them with `make browser-deps` (apt-get for chromium, npm for axe-core and vnu-jar)."

# Each device is one browser context, opened once and reused by every test.
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "wide": {"viewport": {"width": 1440, "height": 900}},
    # Just past 70rem, where site.css lays the widest tables out side by side again: their tightest fit.
    "narrow-desktop": {"viewport": {"width": 1136, "height": 800}},
    # is_mobile honours <meta name="viewport">: without it the page would lay out 980 px wide.
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "no-js": {"viewport": {"width": 1280, "height": 800}, "java_script_enabled": False},
    "phone-no-js": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "java_script_enabled": False,
    },
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def require(available: bool, what: str) -> None:
    """Skip (or fail under CI) when a tool the test needs is missing."""
    if available:
        return
    message = f"Browser tests need {what}, which is missing. {HOW_TO_ENABLE}"
    if in_ci():
        pytest.fail(f"{message} CI must run them, never skip them.", pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    """Every test in this package carries the ``browser`` marker (``-m "not browser"`` leaves them out).

    Those over ``world`` also carry ``django_db``: pytest-django creates the test
    database only for tests that declare it, and runs each of them in a
    transaction it rolls back (``world``'s rows are committed before, so stay).
    """
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if "world" in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="package")
def chromium(page_types_server):
    """The browser, for the whole package.

    It starts after ``page_types_server`` and closes before it: the browser
    keeps idle connections open (preconnects), each holding a request thread
    that ends only once the browser has let go of it.
    """
    require(sync_playwright is not None, "the playwright Python package (requirements-dev.txt)")
    require(CHROMIUM.exists(), f"Debian's chromium ({CHROMIUM})")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop in this thread; Django refuses ORM
        # calls next to a running loop unless told the calls are really synchronous.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def record_failed_requests(page):
    """Collect in ``page.failed_requests`` every request that fails or answers an error status."""
    page.failed_requests = []

    def on_failed(request):
        # The browser fetches the icon after the page loads: the next page's navigation may cut it short. An
        # icon that is missing still answers 404, which on_response records.
        if "/favicon." in request.url and request.failure == "net::ERR_ABORTED":
            return
        page.failed_requests.append(f"{request.url} (failed: {request.failure})")

    def on_response(response):
        if response.status >= 400:
            page.failed_requests.append(f"{response.url} ({response.status})")

    page.on("requestfailed", on_failed)
    page.on("response", on_response)


@pytest.fixture(scope="package")
def device_pages(chromium):
    """One open tab per device, kept for the whole package: contexts are cheap, launches are not."""
    pages = {}
    for name, options in DEVICES.items():
        context = chromium.new_context(locale="fr-FR", **options)
        context.set_default_timeout(10_000)
        page = context.new_page()
        record_failed_requests(page)
        pages[name] = page
    yield pages
    for page in pages.values():
        page.context.close()


class RequestsInFlight:
    """Counts the live server's unfinished requests, so a test ends only once the server is idle.

    Otherwise a request still running when pytest-django empties the database
    finds its tables locked, or the database closed to it.
    """

    def __init__(self):
        self.count = 0
        self.idle = threading.Condition()

    def started(self, **kwargs):
        with self.idle:
            self.count += 1

    def finished(self, **kwargs):
        with self.idle:
            self.count -= 1
            self.idle.notify_all()

    def wait(self, timeout=10):
        with self.idle:
            assert self.idle.wait_for(lambda: self.count <= 0, timeout), "the live server is still busy"


@pytest.fixture(scope="package")
def requests_in_flight():
    tracker = RequestsInFlight()
    request_started.connect(tracker.started)
    request_finished.connect(tracker.finished)
    yield tracker
    request_started.disconnect(tracker.started)
    request_finished.disconnect(tracker.finished)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The test database filled once with every page type's rows, for one test module; emptied after it.

    The rows are committed, so a live server thread sees them whatever the
    database; the module's tests only read them. Database access stays open
    while the module runs (the live server needs it between tests too). At the
    end the database is flushed, as after any transactional test, so nothing
    reaches the tests that run next.
    """
    from portal.tests.browser.pages import world as build_world

    with django_db_blocker.unblock():
        for connection in connections.all():
            name = str(connection.settings_dict["NAME"])
            in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
            assert in_memory or name.startswith("test_"), f"{name} is no test database"
        try:
            build_world()
            yield
        finally:
            for alias in connections:
                call_command("flush", database=alias, interactive=False, verbosity=0)
            # As after a transactional test. Here it matters: with Playwright's event loop
            # running in this thread, Django keeps these connections apart from the thread's
            # own, and the one that stayed open would keep the test database from being dropped.
            connections.close_all()


def live_server_address() -> str:
    return os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"


class OneRequestPerConnection(QuietWSGIRequestHandler):
    """Closes the connection after each response: no request thread outlives its request.

    A thread kept alive by the browser would keep its database connection, or
    its share of the tests' SQLite connection, past the server's end.
    """

    protocol_version = "HTTP/1.0"


class OneRequestAtATime(WSGIServer):
    """Answers the requests one after the other, in the server's own thread.

    On SQLite the tests' database lives in one in-memory connection, which the
    server's requests share. Two requests at once can deadlock on it: a query
    calling one of Django's Python functions (the admin's date hierarchy)
    waits for the interpreter, held by another request waiting for the
    connection. CI hung so once, the staff journey's autocomplete still
    answering as the change list loaded.
    """

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run gives its own thread the shared connections, and requests run in it.
        super().__init__(*args, **kwargs)


class PageTypesServerThread(LiveServerThread):
    server_class = OneRequestAtATime

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            OneRequestPerConnection,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


class PageTypesServer:
    """Django's live server thread, as pytest-django's ``live_server`` runs it, but one request at a time and
    one per connection."""

    def __init__(self, host):
        # An in-memory SQLite database exists in one connection only: the server's threads share it.
        self.shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        self.thread = PageTypesServerThread(host, StaticFilesHandler, connections_override=self.shared)
        self.thread.daemon = True
        for connection in self.shared.values():
            connection.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            self.stop()
            raise self.thread.error

    @property
    def url(self):
        return f"http://{self.thread.host}:{self.thread.port}"

    def stop(self):
        self.thread.terminate()
        # Each request's thread closes its database connections after answering: let them finish.
        for thread in threading.enumerate():
            if thread.name.endswith("(process_request_thread)"):
                thread.join(timeout=2)
        for connection in self.shared.values():
            connection.dec_thread_sharing()


@pytest.fixture(scope="package")
def page_types_server(django_db_setup, requests_in_flight):
    """The live server the page-type checks browse, for the whole package; ``site`` gives it its data.

    Not pytest-django's ``live_server``: asking for that one makes every test
    transactional, which empties the database after each test.
    """
    server = PageTypesServer(live_server_address())
    with modify_settings(ALLOWED_HOSTS={"append": server.thread.host}):
        yield server
    requests_in_flight.wait()
    server.stop()


@pytest.fixture
def writing_server(transactional_db, requests_in_flight):
    """A live server for a test that writes, over a database emptied after it (as pytest-django's
    ``live_server``, whose server answers several requests at once: see ``OneRequestAtATime``)."""
    server = PageTypesServer(live_server_address())
    with modify_settings(ALLOWED_HOSTS={"append": server.thread.host}):
        yield server
    requests_in_flight.wait()
    server.stop()


@pytest.fixture(scope="module")
def site(world, page_types_server):
    """The live server over ``world``: what the page-type checks browse."""
    return page_types_server


@pytest.fixture
def pages(device_pages, requests_in_flight):
    """The reused tabs, cookie-free for each test; the live server idle when the test ends."""
    for page in device_pages.values():
        page.context.clear_cookies()
    yield device_pages
    requests_in_flight.wait()


@pytest.fixture
def browse(site, pages):
    """``browse(page_type, device)``: open the page type over ``world``, check it loaded whole, in its state."""

    def open_page(page_type, device="desktop"):
        page = pages[device]
        path = page_type.path()
        page.failed_requests.clear()
        response = page.goto(site.url + path)
        assert response.status == page_type.status, f"{page_type.name}: {path} answered {response.status}"
        # The page itself may answer an error status on purpose (410 for a closed offer).
        failed = [request for request in page.failed_requests if not request.startswith(f"{response.url} (")]
        assert not failed, f"{page_type.name}: {path} loaded with failed requests: {failed}"
        # Waits for what JavaScript draws (Swagger UI); a page drawn by the server has it already.
        try:
            page.locator(page_type.shows).first.wait_for(state="attached", timeout=5_000)
        except PlaywrightTimeoutError:
            pytest.fail(f"{page_type.name}: {path} shows nothing matching {page_type.shows!r}", pytrace=False)
        return page

    return open_page


@pytest.fixture(scope="package")
def axe_script():
    require(AXE_SCRIPT.exists(), f"axe-core ({AXE_SCRIPT.relative_to(settings.BASE_DIR)})")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def vnu_command():
    java = shutil.which("java")
    require(java is not None, "Java (to run the Nu HTML checker)")
    require(VNU_JAR.exists(), f"vnu-jar ({VNU_JAR.relative_to(settings.BASE_DIR)})")
    # The checker's schemas recurse deeply; the client compiler starts faster for one short run.
    return [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)]


@pytest.fixture(scope="package")
def artifacts():
    """Where pictures and reports go for people to look at (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
