"""deploy/two_servers.sh: two gunicorn servers behind nginx on one PostgreSQL and Redis.

The script starts the whole deployment of docs/deployment.md ("Two app servers
behind nginx") on free 127.0.0.1 ports, with its own database and Redis
database, and checks sessions, uploads, the last-units race and a short load
across both servers. Skipped only where Debian's nginx or wrk is not installed.
"""

import os
import shutil
import signal
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
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
        "PGUSER": db.get("USER") or "ocop",
        "PGPASSWORD": db.get("PASSWORD") or "ocop",
        # Not `ocop_two`, which `make two-servers` leaves for a look afterwards.
        "TWO_DB": "ocop_two_test",
        "TWO_WRK_SECONDS": "5",
    }
    # A session of its own: on a timeout the whole group (nginx, gunicorn, the
    # S3 server) is stopped, not only bash.
    process = subprocess.Popen(
        [shutil.which("bash"), "deploy/two_servers.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        pytest.fail(f"deploy/two_servers.sh took over 10 minutes:\n{output[-6000:]}")
    print(output)
    assert process.returncode == 0, output[-6000:]
    assert "two-servers: all checks passed" in output
    # What each check printed (run with -s to see them and the wrk figures).
    for line in ("1. signed in through server A", "3. 20 shoppers, 5 units: 5 orders", "4. wrk"):
        assert line in output, output[-3000:]
