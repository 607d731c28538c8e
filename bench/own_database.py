"""A benchmark's own PostgreSQL database, dropped and made again on each run, and the production-like
environment Django runs in for it (bench/settings.py)."""

import os


def use_own_database(variable: str, default_name: str) -> str:
    """The database URL (from `variable`, else a local database of that name), set for Django."""
    url = os.environ.get(variable, f"postgres://postgres@127.0.0.1:5432/{default_name}")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "SECRET_KEY": "benchmark-only-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "SITE_URL": "http://127.0.0.1",
            "CONN_MAX_AGE": "600",
            "VIETQR_BANK_BIN": "970436",
            "VIETQR_ACCOUNT_NUMBER": "0011004455667",
            "VIETQR_ACCOUNT_HOLDER": "CHO SEN BENCHMARK",
        }
    )
    return url


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
