"""One environment object for every settings module.

Values come from the process environment, optionally seeded from a `.env` file
at the project root (never committed; see `.env.example`).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.is_file():
    environ.Env.read_env(_env_file, overwrite=False)


class MissingSetting(SystemExit):
    """Raised when a required variable is missing.

    SystemExit keeps the message to one line instead of a traceback; the
    manage.py/wsgi entry points print it as it is.
    """


def require(name: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise MissingSetting(
            f"Configuration error: the environment variable {name} is required "
            "in production (see .env.example)."
        )
    return value


SUPPORTED_DATABASES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def database(url: str) -> dict:
    """Django's DATABASES entry for `url`, or one line saying what is wrong with it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # environ warns, then returns a config with no engine
        config = env.db_url_config(url)
    if config.get("ENGINE") not in SUPPORTED_DATABASES or not config.get("NAME"):
        raise MissingSetting(
            "Configuration error: DATABASE_URL must be a PostgreSQL URL "
            "(postgres://user:password@host:5432/name) or an SQLite one (sqlite:///path)."
        )
    return config
