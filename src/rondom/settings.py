"""Settings, driven by environment variables (see the README's configuration table)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("RONDOM_DEBUG", False)
# Nothing is created here: the SQLite backend makes its folder when it opens the file, and
# the static files middleware makes STATIC_ROOT when the app starts.
DATA_DIR = Path(os.environ.get("RONDOM_DATA_DIR", BASE_DIR.parent.parent / "var"))
# The fallback key is for development only; production must set RONDOM_SECRET_KEY.
SECRET_KEY = os.environ.get("RONDOM_SECRET_KEY", "insecure-development-key-change-me")
ALLOWED_HOSTS = env_list("RONDOM_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "rondom.core",
    "rondom.accounts",
    "rondom.cases",
    "rondom.career",
    "rondom.timeline",
    "rondom.meetings",
    "rondom.help",
    "rondom.networks",
    "rondom.insights",
    "rondom.scan",
    "rondom.monitor",
    "rondom.caseload",
    "rondom.live",
    "rondom.audit",
    "rondom.privacy",
    "rondom.documents",
    "rondom.exchange",
    "rondom.api",
    "rondom.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "rondom.core.middleware.StaticFilesMiddleware",
    "rondom.accounts.idle_sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "rondom.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rondom.accounts.middleware.RequireTwoFactorMiddleware",
    "rondom.audit.middleware.CaseAccessLogMiddleware",
]

ROOT_URLCONF = "rondom.urls"
WSGI_APPLICATION = "rondom.wsgi.application"
ASGI_APPLICATION = "rondom.asgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'rondom.sqlite3'}",
        conn_max_age=int(os.environ.get("RONDOM_DB_CONN_MAX_AGE", "60")),
    )
}
DB_POOL_MAX = int(os.environ.get("RONDOM_DB_POOL_MAX", "8"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX > 0:
    # Under ASGI every request runs in a thread of its own, and a thread that keeps its own
    # connection lets the number of connections grow with the traffic until PostgreSQL
    # refuses them. One bounded pool per server process instead: a request borrows a
    # connection and gives it back at its end, and waits for one when all are in use.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections open
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(int(os.environ.get("RONDOM_DB_POOL_MIN", "2")), DB_POOL_MAX),
        "max_size": DB_POOL_MAX,
        "timeout": float(os.environ.get("RONDOM_DB_POOL_TIMEOUT", "30")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "rondom.core.sqlite"  # makes the file's folder when missing
    # Under ASGI requests run in parallel threads: writers queue up (IMMEDIATE) instead of
    # failing with "database is locked", and readers do not wait for writers (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
    # Tests get a file too, not an in-memory database: threads of a test server (live
    # streams next to requests) then wait for each other the way they do in production.
    # One file per test run, so runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-rondom-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The login rate limits live in the cache. A cache in each process's memory would count every
# server process on its own, so the limits are kept in the database, which they all share.
# Migration accounts 0005 creates the table. Rate-limit entries last 15 minutes at most; the
# ceiling is high so that a flood of attempts does not push out the counters that matter.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rondom_cache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "caseload:cases"
LOGOUT_REDIRECT_URL = "account_login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: professionals log in with email, password and a TOTP code; parents with a code
# sent by email. Nobody signs up on their own: case managers and organisation admins invite.
ACCOUNT_ADAPTER = "rondom.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# The subjects of the account emails name the site themselves (templates/account/email).
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# First slowed (a 30-second pause after 3 misses), then blocked (15 minutes after 10).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("RONDOM_LOGIN_FAILED_LIMIT", "3/30s/key,10/15m/key,30/15m/ip"),
    "request_login_code": "5/5m/key,20/5m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rondom"
MFA_RECOVERY_CODE_COUNT = 10
# Second-factor secrets are stored encrypted with this Fernet key. The fallback is for
# development only (`rondom check --deploy` warns); production must set RONDOM_TOTP_KEY.
MFA_ADAPTER = "rondom.accounts.adapter.MFAAdapter"
DEVELOPMENT_TOTP_KEY = "cm9uZG9tLWluc2VjdXJlLWRldmVsb3BtZW50LWtleSE="
TOTP_KEY = os.environ.get("RONDOM_TOTP_KEY", DEVELOPMENT_TOTP_KEY)

# Live updates: "memory" within one server process, "postgres" (LISTEN/NOTIFY) for several.
LIVE_BACKEND = os.environ.get("RONDOM_LIVE_BACKEND", "memory")
LIVE_STREAM_SECONDS = int(os.environ.get("RONDOM_LIVE_STREAM_SECONDS", "300"))

# A long praatplaat is drawn in parts, in this many helper processes at once (0: in the
# server process itself). Each helper holds WeasyPrint in memory, about 100 MB.
PDF_WORKERS = int(os.environ.get("RONDOM_PDF_WORKERS", "2"))

# The access log's hash chain is keyed (HMAC-SHA256), so only whoever holds this key can
# write a chain that verifies. The key stays out of the database; the fallback is for
# development only, and the whole log must stay under the same key (see the README).
AUDIT_KEY = os.environ.get("RONDOM_AUDIT_KEY", "insecure-development-audit-key")

# The smallest number a case manager's report over their own cases shows (never below 10).
INSIGHT_MIN_CELL = int(os.environ.get("RONDOM_INSIGHT_MIN_CELL", "10"))

# The samenwerkingsscan's answers are found again only with this key (see rondom.scan.respondents).
SCAN_KEY = os.environ.get("RONDOM_SCAN_KEY", SECRET_KEY + ":scan")
# How many people must have answered before a round's results (or a sector's) show.
SCAN_MIN_RESPONDENTS = max(5, int(os.environ.get("RONDOM_SCAN_MIN_RESPONDENTS", "5")))
# Days after a round closes that its answers are kept; then only the sums stay.
SCAN_ANSWER_DAYS = int(os.environ.get("RONDOM_SCAN_ANSWER_DAYS", "90"))

# A closed case is removed this many months after closing (see the README's privacy section).
RETENTION_MONTHS = int(os.environ.get("RONDOM_RETENTION_MONTHS", "12"))

SESSION_COOKIE_AGE = 60 * int(os.environ.get("RONDOM_SESSION_IDLE_MINUTES", "30"))
# Every request renews the session, so it ends after that many minutes of inactivity.
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

if os.environ.get("RONDOM_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["RONDOM_EMAIL_HOST"],
                "port": int(os.environ.get("RONDOM_EMAIL_PORT", "587")),
                "username": os.environ.get("RONDOM_EMAIL_USER", ""),
                "password": os.environ.get("RONDOM_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("RONDOM_EMAIL_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("RONDOM_EMAIL_FROM", "Rondom <noreply@localhost>")
# Every email names the site and links to it with these, never with the host a request came
# in on: a link in an email must lead to the real site, whatever address was used to ask.
SITE_NAME = os.environ.get("RONDOM_SITE_NAME", "Rondom")
SITE_URL = os.environ.get("RONDOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("RONDOM_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("RONDOM_STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("RONDOM_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Pages hand the CSRF token to htmx in a header attribute, so scripts never read the cookie.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HSTS is only ever sent over https, so it can be on by default.
SECURE_HSTS_SECONDS = int(os.environ.get("RONDOM_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RONDOM_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("RONDOM_HSTS_PRELOAD", True)
# Behind a TLS-terminating proxy set both; see the README's production section.
SECURE_SSL_REDIRECT = env_bool("RONDOM_SSL_REDIRECT", False)
if env_bool("RONDOM_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script anywhere. Inline style attributes stay allowed: the timeline places each
# card on its grid with a style attribute (style elements remain forbidden).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rondom.api.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rondom.api.pagination.Pagination",
    "EXCEPTION_HANDLER": "rondom.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Rondom API",
    "DESCRIPTION": "Cases, children, participants, school careers and timeline cards.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

# Case text must never reach the logs: only framework warnings and errors, without request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("RONDOM_LOG_LEVEL", "WARNING")},
}

FORM_RENDERER = "rondom.core.form_rendering.RondomFormRenderer"
