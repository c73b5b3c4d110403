"""/healthz: 200 with JSON while the database answers, 503 when it does not."""

import pytest
from django.db import DatabaseError, connection

pytestmark = pytest.mark.django_db


def test_healthy_database_answers_200_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_database_answers_503(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    # The failure is injected at the driver boundary: the view's own code runs.
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}


def test_healthz_only_answers_reads(client):
    assert client.post("/healthz").status_code == 405
