"""Benchmark: import the shared 10,000-product OCOP catalogue into a fresh SQLite database.

    .venv/bin/python bench/import_catalogue.py [--products 10000] [--shops 200] [--seed 42]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/chosen_bench .venv/bin/python bench/import_catalogue.py

Prints the seconds and rows per second of a first import and of a re-import of the same file.
The budget (issue "Foundation"): 10,000 rows well under a minute on SQLite.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_catalogue import write_catalogue

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        csv_file = Path(workdir) / "catalogue.csv"
        write_catalogue(csv_file, products=args.products, shops=args.shops, seed=args.seed)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.local",
            "DEBUG": "false",
            "MEDIA_ROOT": str(Path(workdir) / "media"),
        }
        env.setdefault("DATABASE_URL", f"sqlite:///{Path(workdir) / 'bench.sqlite3'}")
        database = env["DATABASE_URL"].split(":", 1)[0]
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        load = [*manage, "import_products", str(csv_file), "--create-shops"]
        first = timed(load, env)
        again = timed(load, env)

    rows = args.products
    print(f"database: {database}, rows: {rows}, shops: {args.shops}")
    print(f"first import: {first:.1f} s ({rows / first:.0f} rows/s, command start-up included)")
    print(f"re-import:    {again:.1f} s ({rows / again:.0f} rows/s)")


if __name__ == "__main__":
    main()
