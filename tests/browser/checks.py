"""What every browser test checks on a page: it fits a 360 px screen and axe-core finds nothing.

axe-core comes from the axe-playwright-python package (its bundled axe.min.js), run with
page.evaluate so that the Content-Security-Policy of the pages does not stop it.
"""

from pathlib import Path

import pytest


def assert_fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} scrolls sideways: {width}px wide"


def axe_script() -> str:
    """axe-core as the axe-playwright-python package ships it (a dev dependency)."""
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-core is missing: pip install axe-playwright-python (a dev dependency)")
    return Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page as it is now (every rule axe runs by default)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:4])
        for violation in result["violations"]
    ]
