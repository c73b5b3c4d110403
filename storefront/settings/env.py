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
