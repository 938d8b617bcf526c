"""Settings for Cap IA, read from the environment.

One module for every environment: development defaults are safe to run on a
laptop, and ``DJANGO_ENV=production`` switches on the hardening that a public
deployment needs (and refuses to start without a real secret key).
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean; an unexpected spelling stops start-up instead of guessing."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


ENVIRONMENT = env_str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

# What Django's deploy check calls a strong key (security.W009): 50 characters or more, 5 different at least.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5
GENERATE_KEY = "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if PRODUCTION and not SECRET_KEY:
    raise ImproperlyConfigured(f"DJANGO_SECRET_KEY is required when DJANGO_ENV=production. {GENERATE_KEY}")
if PRODUCTION and (len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak for production: at least {SECRET_KEY_MIN_LENGTH} characters, "
        f"{SECRET_KEY_MIN_UNIQUE} of them different, are required. {GENERATE_KEY}"
    )
if not SECRET_KEY:
    # Development only: a fixed, obviously unsafe key so sessions survive restarts.
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    # DEBUG shows settings and tracebacks to every visitor of an error page.
    raise ImproperlyConfigured("DJANGO_DEBUG cannot be on when DJANGO_ENV=production.")
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# A form sent without its token gets the French 403 page in the site's layout.
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

INSTALLED_APPS = [
    "staff.admin_site.PortalAdminConfig",  # django.contrib.admin with the "À revoir" page.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # operator classes in index declarations (core.search.TrigramIndex)
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    # The library first, then the hub, the apps that build on it, the tools that read them, and the site.
    "core",
    "places",
    "careers",
    "training",
    "jobs",
    "orientation",
    "staff",
    "portal",
]

# Forms render through TEMPLATES, so templates/django/forms/ can override a widget's template.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    # First, so every response (errors included) carries the request id and is logged.
    "portal.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CSP: a cached page is replayed with the CSP header (and nonce) it was rendered with.
    "portal.cache.PageCacheMiddleware",
    # Before anything that renders: the nonce used by a template reaches the header.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# SQLite file by default (kept out of git under db/); any DATABASE_URL otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db' / 'capia.sqlite3'}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while a writer commits; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: for a web page's short queries it only adds time (bench/README.md). Trigram word
    # similarity from 0.45 (pg_trgm says 0.6): "analiste" is 0.5 from "analyste" (core.search.suggest).
    # Any "options" set in DATABASE_URL come first.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    trigrams = "-c pg_trgm.word_similarity_threshold=0.45"
    options["options"] = f"{options.get('options', '')} -c jit=off {trigrams}".strip()

# Cache: Redis when REDIS_URL is set (shared by every app server), else this process's memory. The
# content versions that cached pages and counts are keyed on (core.cache) live there too.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("DJANGO_CACHE_KEY_PREFIX", "capia"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "capia"}}
# Whole pages for anonymous visitors (portal.cache), emptied when content changes; 0 turns it off.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 300 if PRODUCTION else 0)
# Sessions live in the database (Django's default, stated here): no server keeps state of its own.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: a bare domain means https.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Outside production, WhiteNoise serves straight from the app folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Public site identity, used in titles, feeds and canonical links.
SITE_NAME = "Cap IA"
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Legal notice ("Mentions légales", portal.trust): what the law on the digital economy (LCEN, 2004) asks a
# site to name. The operator fills them in; the page names what is still missing rather than invent it.
LEGAL_PUBLISHER = env_str("DJANGO_LEGAL_PUBLISHER").strip()
LEGAL_PUBLISHER_ADDRESS = env_str("DJANGO_LEGAL_PUBLISHER_ADDRESS").strip()
LEGAL_PUBLISHER_PHONE = env_str("DJANGO_LEGAL_PUBLISHER_PHONE").strip()
LEGAL_PUBLISHER_REGISTRATION = env_str("DJANGO_LEGAL_PUBLISHER_REGISTRATION").strip()
LEGAL_DIRECTOR = env_str("DJANGO_LEGAL_DIRECTOR").strip()
LEGAL_HOST = env_str("DJANGO_LEGAL_HOST").strip()
LEGAL_HOST_ADDRESS = env_str("DJANGO_LEGAL_HOST_ADDRESS").strip()
LEGAL_HOST_PHONE = env_str("DJANGO_LEGAL_HOST_PHONE").strip()
CONTACT_EMAIL = env_str("DJANGO_CONTACT_EMAIL").strip()
if CONTACT_EMAIL and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", CONTACT_EMAIL):
    raise ImproperlyConfigured(f"DJANGO_CONTACT_EMAIL must be an e-mail address, not {CONTACT_EMAIL!r}.")
# The licence of what the portal itself publishes (its API included); imported open data keep their own.
DATA_LICENCE = {
    "name": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "url": "https://github.com/etalab/licence-ouverte",
}

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# The admin is the only login: a ``next`` that Django refuses (another site) lands on its home, not a 404.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# HTTPS and cookies. Production is secure by default; each relaxation is explicit.
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
if env_bool("DJANGO_SECURE_PROXY_SSL", False):
    # Only behind a proxy that terminates TLS and overwrites this header itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (core.http.client_ip): 0 trusts none
# and takes the socket's address; N takes the Nth address from the right, the one the outermost proxy saw.
TRUSTED_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES must be 0 (no proxy) or the number of proxies.")
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # The admin reads the token from its forms, never from the cookie.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy, in development too: only our own files, no inline script or style; JSON-LD blocks
# carry the nonce ``{% json_ld %}`` asks for.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The read-only API under /api/v1/; anonymous clients throttled per address (DJANGO_API_THROTTLE_ANON), counted
# in the default cache.
API_THROTTLE_ANON = env_str("DJANGO_API_THROTTLE_ANON", "300/min")
if not re.fullmatch(r"[1-9][0-9]{0,6}/(s|sec|second|m|min|minute|h|hour|d|day)", API_THROTTLE_ANON):
    raise ImproperlyConfigured(
        f"DJANGO_API_THROTTLE_ANON must look like 300/min (per s, min, hour or day), not {API_THROTTLE_ANON!r}."
    )
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Public data, read-only: no session, no CSRF, everyone is throttled as anonymous.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.AnonymousThrottle"],
    "DEFAULT_PAGINATION_CLASS": "core.api.ApiPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "core.api.api_exception_handler",
    # ?format= is the programme list's filter (?format=distanciel), not a renderer switch.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cap IA",
    "DESCRIPTION": (
        "Les métiers de l’IA, les parcours, les formations et les offres d’emploi ouvertes publiés sur "
        "Cap IA, en lecture seule. Chaque chiffre cite sa source. Les filtres sont ceux des pages du site, "
        "avec les mêmes noms et les mêmes valeurs. Les données rédigées par Cap IA sont réutilisables "
        "sous Licence Ouverte 2.0 (Etalab), en citant Cap IA et la date de mise à jour ; chaque chiffre reste "
        "attribué à la source qu’il cite, et les données ouvertes importées gardent leur propre licence "
        "(page « À propos et méthode » du site)."
    ),
    "LICENSE": DATA_LICENCE,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Nothing loaded from another site; no deep links, which Swagger UI nests inside the operations' buttons,
    # controls in controls that screen readers do not announce.
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "deepLinking": False},
    "ENUM_NAME_OVERRIDES": {
        "RegionEnum": "core.geography.Region",
        "CountryEnum": "core.geography.Country",
        "CurrencyEnum": "core.geography.Currency",
        "PayExperienceEnum": "careers.models.PayFigure.Experience",
        "OfferExperienceEnum": "jobs.models.JobOffer.Experience",
    },
}

# Admin login throttling (portal.logins): too many failures lock an account from one address, or the address
# whatever the accounts, for DJANGO_AXES_COOLOFF_MINUTES (README: the limits, and how to unlock early).
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_AXES_COOLOFF_MINUTES", 15))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME.total_seconds() < 60:
    raise ImproperlyConfigured("DJANGO_AXES_FAILURE_LIMIT and DJANGO_AXES_COOLOFF_MINUTES must be at least 1.")
if AXES_ADDRESS_FAILURE_LIMIT < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured("DJANGO_AXES_ADDRESS_FAILURE_LIMIT must be at least DJANGO_AXES_FAILURE_LIMIT.")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "portal.logins.PairAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.logins.lockout"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"

# Logs: one JSON object per line on stdout, each with the request id
# (DJANGO_LOG_FORMAT=text gives readable lines, the default in development).
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be 'json' or 'text'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.logs.RequestIDFilter"},
        "short": {"()": "portal.logs.ShortRecordFilter"},
    },
    "formatters": {
        "json": {"()": "portal.logs.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id", "short"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Without Django's own handlers (console when DEBUG, mail_admins): every record reaches the root once.
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        # The request middleware logs every request once, with its id; Django's own
        # 4xx warnings would repeat it. Errors (5xx) still come through.
        "django.request": {"level": "ERROR"},
        # Its start-up banner would open every management command's output.
        "axes.apps": {"level": "WARNING"},
    },
}

# Staff workflows: change history (who, when, what) and bulk import/export in the admin.
INSTALLED_APPS += ["simple_history", "import_export"]
# Names the editor in each history row; before django-axes, which stays last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "simple_history.middleware.HistoryRequestMiddleware"
)
IMPORT_EXPORT_USE_TRANSACTIONS = True  # A file with one bad row writes nothing.
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# The preview and the confirmation each import every row within one request: past these, the admin refuses
# the file up front and names manage.py import_file, which has no limit (measured in bench/README.md).
IMPORT_ADMIN_MAX_ROWS = env_int("DJANGO_IMPORT_ADMIN_MAX_ROWS", 500)
IMPORT_ADMIN_MAX_MEGABYTES = env_int("DJANGO_IMPORT_ADMIN_MAX_MEGABYTES", 5)
# Uploads (the imports are the only ones) stay in memory, bounded, never in a local temporary file.
FILE_UPLOAD_HANDLERS = ["core.imports.BoundedMemoryUploadHandler"]

# France Travail's "Offres d'emploi v2" API, read by ``manage.py import_offers francetravail`` (OAuth2 client
# credentials). Without an id and a secret the command refuses to run; tests point both URLs at a local fake.
FRANCE_TRAVAIL_CLIENT_ID = env_str("FRANCE_TRAVAIL_CLIENT_ID")
FRANCE_TRAVAIL_CLIENT_SECRET = env_str("FRANCE_TRAVAIL_CLIENT_SECRET")
FRANCE_TRAVAIL_TOKEN_URL = env_str(
    "FRANCE_TRAVAIL_TOKEN_URL", "https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=%2Fpartenaire"
)
FRANCE_TRAVAIL_API_URL = env_str(
    "FRANCE_TRAVAIL_API_URL", "https://api.francetravail.io/partenaire/offresdemploi/v2"
).rstrip("/")
