"""Vel Tutor settings: one module, every value from the environment (django-environ).

With no environment at all the site runs locally on a SQLite file with DEBUG on. With DEBUG
off, SECRET_KEY_BASE (or SECRET_KEY) and PHX_HOST (or ALLOWED_HOSTS) are required and the
production values below make `manage.py check --deploy` silent.
"""

from importlib import metadata
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


try:
    VERSION = metadata.version("veltutor")
except metadata.PackageNotFoundError:  # running from a checkout that was never pip-installed
    VERSION = "0+checkout"

# A configured secret means a real deployment: DEBUG then defaults to off.
_secret_configured = "SECRET_KEY_BASE" in env.ENVIRON or "SECRET_KEY" in env.ENVIRON
DEBUG = env.bool("DEBUG", default=not _secret_configured)

if DEBUG:
    SECRET_KEY = env.str(
        "SECRET_KEY_BASE", default=env.str("SECRET_KEY", default="django-insecure-local-demo-only")
    )
else:
    SECRET_KEY = env.str("SECRET_KEY_BASE", default=None) or env.str("SECRET_KEY")

PHX_HOST = env.str("PHX_HOST", default="")
# Loopback names stay allowed in production: deploy.sh, the smoke test and Prometheus talk
# to gunicorn on 127.0.0.1 directly (nginx only forwards PHX_HOST).
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS",
    default=[PHX_HOST, *LOOPBACK_HOSTS] if PHX_HOST else [*LOOPBACK_HOSTS, "testserver"],
)
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS", default=[f"https://{PHX_HOST}"] if PHX_HOST else []
)
PORT = env.int("PORT", default=8000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "waffle",
    "veltutor.accounts",
    "veltutor.learning",
    "rewards",
    "agents",
    "attribution",
    "challenges",
    "dashboard",
    "operations",
    "django_prometheus",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "attribution.middleware.VisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "waffle.middleware.WaffleMiddleware",
    "veltutor.errors.DomainErrorMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "veltutor.urls"
WSGI_APPLICATION = "veltutor.wsgi.application"
ASGI_APPLICATION = "veltutor.asgi.application"

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
                "veltutor.context_processors.site",
                "rewards.context_processors.points",
            ],
        },
    },
]

# The checklist's Phoenix-style URLs (ecto://user:pass@host/db) are PostgreSQL URLs.
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
if DATABASE_URL.startswith("ecto://"):
    DATABASE_URL = "postgres://" + DATABASE_URL.removeprefix("ecto://")
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "learning:home"
LOGOUT_REDIRECT_URL = "learning:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "veltutor.errors.api_exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vel Tutor API",
    "VERSION": VERSION,
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's JavaScript and CSS come from our own static files, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

WAFFLE_CREATE_MISSING_FLAGS = False
WAFFLE_FLAG_DEFAULT = False

# Phase 2 (and the checklist's environment) configure these; Phase 1 only carries them.
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", default="")
# Wording short reasons under a 2 s deadline: a fast model. (claude-sonnet-4-5 retires 2026-11-30.)
AI_MODEL = env.str("AI_MODEL", default="claude-haiku-4-5")
AI_CACHE_ENABLED = env.bool("AI_CACHE_ENABLED", default=True)
AI_CACHE_TTL = env.int("AI_CACHE_TTL", default=3600)
AI_LOG_LEVEL = env.str("AI_LOG_LEVEL", default="info").upper()
AI_DAILY_BUDGET = env.float("AI_DAILY_BUDGET", default=50.0)
# Claude must never hold up an answer: each attempt's HTTP operations time out after
# AI_TIMEOUT_SECONDS, at most AI_MAX_RETRIES retries follow (waiting at most 0.2 s before each),
# and agents/llm.py gives up on the whole call at 1.9 s. Defaults: 0.8 s × 2 attempts + 0.2 s.
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=0.8)
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=1)
# Dollars per million tokens, per model. An unknown model is charged the dearest price here.
AI_PRICES_PER_MTOK = {
    "claude-sonnet-4-5": {"input": "3.00", "output": "15.00"},
    "claude-haiku-4-5": {"input": "1.00", "output": "5.00"},
    "claude-opus-4-5": {"input": "5.00", "output": "25.00"},
    "claude-opus-4-1": {"input": "15.00", "output": "75.00"},
}
# e.g. SILENCED_SYSTEM_CHECKS=veltutor.W001 where Claude is deliberately left unconfigured.
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])
FEATURE_BUDDY_CHALLENGE = env.bool("FEATURE_BUDDY_CHALLENGE", default=True)
FEATURE_RESULTS_RALLY = env.bool("FEATURE_RESULTS_RALLY", default=True)
FEATURE_PHASE2_DASHBOARD = env.bool("FEATURE_PHASE2_DASHBOARD", default=True)

# URL names (each takes the learning session id) that the practice result page loads into
# its Phase 2 slot with htmx. Phase 1 knows nothing else about Phase 2.
LEARNING_RESULT_SLOT_URLS: list[str] = [
    "rewards:result_slot",
    "challenges:result_prompt",
    "agents:result_next",
]
# URL names (no arguments) that the student home page loads into its side column.
LEARNING_HOME_SLOT_URLS: list[str] = ["agents:home_next"]
# Callables returning a dict merged into GET /api/health (Phase 1 knows only their names).
HEALTH_REPORT_SECTIONS: list[str] = ["agents.health.health_report_section"]

# Viral loops: share links live this long, allow this many plays, and each student may send
# this many invites (challenges + rallies) a day. Token pages are rate-limited per IP.
LOOP_LINK_DAYS = env.int("LOOP_LINK_DAYS", default=14)
LOOP_MAX_PLAYS = env.int("LOOP_MAX_PLAYS", default=30)
LOOP_DAILY_INVITE_LIMIT = env.int("LOOP_DAILY_INVITE_LIMIT", default=10)
LOOP_TOKEN_RATE = env.str("LOOP_TOKEN_RATE", default="120/m")
LOOP_RALLY_MIN_SCORE = env.int("LOOP_RALLY_MIN_SCORE", default=80)
RATELIMIT_VIEW = "challenges.views.rate_limited"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^api/health$", r"^metrics$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# GET /metrics answers a direct loopback scrape, or `Authorization: Bearer <METRICS_TOKEN>`.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
# One JSON object per line in production; LOG_FORMAT=json|plain overrides.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json").lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "veltutor.logging_json.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "veltutor.agents.llm": {"level": AI_LOG_LEVEL},
    },
}

SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        release=f"veltutor@{VERSION}",
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )
