# Chợ Sen: `make run` starts everything, `make test` runs every test. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PORT ?= 8000

.PHONY: run test install system-packages migrate demo lint format bench bench-webhooks bench-ledger bench-reports clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Debian's Chromium for the browser tests and DejaVu fonts for the demo pictures.
system-packages:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install the Debian packages:$$missing (sudo apt-get install$$missing)"; \
	  fi; \
	fi

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0

demo: migrate system-packages
	$(BIN)/python manage.py webpush_keys
	$(BIN)/python manage.py seed_demo --if-empty

run: demo
	@echo ""
	@echo "  Chợ Sen is starting on http://localhost:$(PORT)/  (Ctrl-C stops the web server, worker and beat)"
	@echo "  Demo logins (password chosen123): staff 0900000001 or admin@chosen.vn (second step: manage.py demo_code),"
	@echo "  mentors 0900000011 / 0900000012 / 0900000013, buyer 0900000021, vendor 0912000101 (all: seed_demo)."
	@echo ""
	PORT=$(PORT) SITE_URL=$${SITE_URL:-http://localhost:$(PORT)} $(BIN)/honcho start -f Procfile

test: install system-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/import_catalogue.py
	$(BIN)/python bench/storefront.py

# Webhook confirmations per second through gunicorn, Redis and a Celery worker (PostgreSQL: BENCH_PAY_DATABASE_URL).
bench-webhooks: install
	$(BIN)/python bench/webhooks.py $(BENCH_ARGS)

# Posting throughput, and a vendor's balance page with a million ledger entries (PostgreSQL: BENCH_LEDGER_DATABASE_URL).
bench-reports: install
	$(BIN)/python bench/reports.py $(BENCH_ARGS)

bench-ledger: install
	$(BIN)/python bench/ledger.py $(BENCH_ARGS)

clean:
	rm -rf var/test-* var/screenshots .pytest_cache
