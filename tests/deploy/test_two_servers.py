"""deploy/two_servers.sh: two gunicorn servers behind nginx on one PostgreSQL and Redis.

The script starts the whole deployment of docs/deployment.md ("Two app servers
behind nginx") on free 127.0.0.1 ports, with its own database and Redis
database, and checks sessions, uploads, the last-units race and a short load
across both servers. Skipped only where Debian's nginx or wrk is not installed.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
NGINX, WRK = "/usr/sbin/nginx", "/usr/bin/wrk"


@pytest.mark.skipif(
    not (os.access(NGINX, os.X_OK) and os.access(WRK, os.X_OK)),
    reason="needs Debian's nginx and wrk: apt-get install nginx wrk",
)
def test_two_servers_share_sessions_uploads_and_stock_behind_nginx():
    assert shutil.which("openssl") and shutil.which("createdb"), "openssl and createdb needed"
    # The deployment is PostgreSQL's, also when the suite runs on SQLite: the
    # server the tests use, or the local one with .ci/run's role.
    db = connection.settings_dict if connection.vendor == "postgresql" else {}
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "ocop",
        "PGPASSWORD": db.get("PASSWORD") or "ocop",
        "TWO_DB": f"ocop_two_test{worker}",
        "TWO_WRK_SECONDS": "5",
    }
    result = subprocess.run(
        [shutil.which("bash"), "deploy/two_servers.sh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert "two-servers: all checks passed" in result.stdout
    # What each check printed (run with -s to see them and the wrk figures).
    for line in ("1. signed in through server A", "3. 20 shoppers, 5 units: 5 orders", "4. wrk"):
        assert line in result.stdout, output[-3000:]
