import pytest
from django.db.utils import OperationalError

from marketplace import views

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    def unreachable():
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(views.celery_app, "connection_for_write", unreachable)

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "broker": "down"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    class BrokenConnection:
        def cursor(self):
            raise OperationalError("database down")

    monkeypatch.setattr(views, "connection", BrokenConnection())

    response = client.get("/healthz/")

    assert response.status_code == 503
    assert response.json()["database"] == "down"
