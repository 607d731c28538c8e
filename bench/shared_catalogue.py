"""The shared OCOP catalogue that the import and storefront benchmarks load.

Its generator is `../shared/data/make_catalogue.py`, beside every clone of Chợ Sen (same arguments,
same file); SHARED_CATALOGUE_GENERATOR names another copy of it.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = Path(
    os.environ.get("SHARED_CATALOGUE_GENERATOR", ROOT.parent / "shared" / "data" / "make_catalogue.py")
)


def write_catalogue(out: Path, *, products: int, shops: int, seed: int) -> None:
    if not GENERATOR.is_file():
        sys.exit(
            f"{GENERATOR} is missing: clone Chợ Sen beside the shared folder (../shared), "
            "or set SHARED_CATALOGUE_GENERATOR to make_catalogue.py"
        )
    subprocess.run(
        [sys.executable, str(GENERATOR), "--products", str(products), "--shops", str(shops),
         "--seed", str(seed), "--out", str(out)],
        check=True,
    )  # fmt: skip
