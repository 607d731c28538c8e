"""Links in emails use the site's configured address, whatever port or host it runs on."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from notifications.channels import site_url

ROOT = Path(__file__).resolve().parents[3]


def test_make_run_on_another_port_links_emails_to_that_port():
    """honcho gives each process its own PORT (web 8080, worker 8180…): the worker, which sends the
    emails, must still link to the web server's port, so make passes SITE_URL to all three."""
    plan = subprocess.run(
        [shutil.which("make"), "-n", "run", "PORT=8080"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    start = next(line for line in plan.stdout.splitlines() if "honcho start" in line)
    assert "SITE_URL=${SITE_URL:-http://localhost:8080}" in start


@pytest.mark.django_db
def test_emails_and_the_sites_framework_follow_site_url(settings):
    settings.SITE_URL = "https://chosen.vn"
    assert site_url("/seller/") == "https://chosen.vn/seller/"

    call_command("migrate", "sites", verbosity=0)  # post_migrate keeps the Site in step

    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("chosen.vn", "Chợ Sen")
