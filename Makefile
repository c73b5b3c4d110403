# Two commands from a fresh machine: `make run` and `make test` (see README).
# Everything else here is a building block of those two or a developer shortcut.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_ARGS ?=
# Two workers on the two-core CI machine; `PYTEST_WORKERS=0 make test` runs in one process.
PYTEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test lint format check migrate demo messages css lock bench audit worker two-servers screenshots clean

help:  ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# --- environments (rebuilt only when a lock file changes) -----------------
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	@touch $@ $(VENV)/.base-installed

# axe-core for the browser tests' accessibility checks and PurgeCSS for
# `make css` (package.json; npm ci installs exactly the locked versions,
# checked against their integrity hashes).
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# --- the two commands ------------------------------------------------------
run: $(VENV)/.base-installed  ## set up, migrate SQLite (or DATABASE_URL), load demo data, serve on PORT
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_data
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed node_modules/.installed lint  ## set up, lint, run every test (PostgreSQL when DATABASE_URL is set)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

# One process runs the queued work and, embedded, the schedule (beat): right
# for one server. With several servers run exactly one beat in the deployment
# (docs/deployment.md "Worker and schedule"). Uses the environment's settings
# (production by default, like gunicorn); development without REDIS_URL runs
# every task inline and needs no worker.
WORKER_CONCURRENCY ?= 2
worker: $(VENV)/.base-installed  ## run the task worker with the schedule embedded (emails, Stripe follow-ups, jobs)
	@mkdir -p var
	$(BIN)/celery -A storefront worker --beat --loglevel INFO --concurrency $(WORKER_CONCURRENCY)

# --- pieces ------------------------------------------------------------------
screenshots: $(VENV)/.dev-installed node_modules/.installed  ## pictures of the main pages (390/1366 px, vi/en) into var/screenshots; the README's six into docs/screenshots
	rm -rf var/screenshots
	SCREENSHOTS_DIR=var/screenshots DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests/browser/test_screenshots.py
	$(BIN)/python .ci/readme_screenshots.py var/screenshots

lint: $(VENV)/.dev-installed  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed  ## fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(VENV)/.base-installed  ## apply migrations
	$(MANAGE) migrate --no-input

demo: $(VENV)/.base-installed  ## load (or top up) the demo data
	$(MANAGE) load_demo_data

messages: $(VENV)/.dev-installed  ## update and compile locale/vi after changing strings
	$(MANAGE) makemessages --locale vi --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*' --no-obsolete
	$(MANAGE) compilemessages --locale vi --ignore '.venv/*' --ignore 'var/*' --ignore 'node_modules/*'

# The rules of Oscar's styles.css the shop's pages use (.ci/purge_css.mjs,
# PurgeCSS): run after changing templates or scripts; a test fails until then.
css: $(VENV)/.base-installed node_modules/.installed  ## rebuild static/css/oscar-used.css from the templates
	node .ci/purge_css.mjs "$$($(BIN)/python -c 'import oscar, os; print(os.path.dirname(oscar.__file__))')" static/css/oscar-used.css

lock: $(VENV)/.dev-installed  ## recompile requirements/*.txt from requirements/*.in
	$(BIN)/pip install --quiet uv
	for f in base dev; do \
	  $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	    --index-url https://pypi.org/simple --no-header --annotation-style line \
	    requirements/$$f.in -o requirements/$$f.txt || exit 1; \
	done

# Whole pages under load (bench/run.py; README "Benchmark"). Databases of their
# own (BENCH_DATABASE_URL, default ocop_bench; the stock Oscar peer's
# OSCAR_BENCH_DATABASE_URL, default ocop_bench_oscar) and Redis database 2
# (BENCH_REDIS_URL). `make bench PRODUCTS=50000`; `make bench QUICK=1` is a
# smoke test (300 products, 3-second runs); FRESH=1 drops and rebuilds the data.
PRODUCTS ?=
QUICK ?=
FRESH ?=
bench: $(VENV)/.base-installed  ## load every page under wrk against a hello-world ceiling and stock Oscar
	$(BIN)/python bench/run.py $(if $(PRODUCTS),--products $(PRODUCTS)) \
		$(if $(filter-out 0,$(QUICK)),--quick) $(if $(filter-out 0,$(FRESH)),--fresh)

# Not part of `make test`: it needs pip-audit's data source (pypi.org's JSON
# API, or api.osv.dev with AUDIT_SERVICE=osv). Fails unless every locked
# package was checked (docs/operations.md "Dependency audit").
AUDIT_SERVICE ?= pypi
audit: $(VENV)/.dev-installed  ## check every locked package for known vulnerabilities
	$(MANAGE) audit_dependencies --service $(AUDIT_SERVICE) requirements/base.txt requirements/dev.txt

# Needs PostgreSQL, Redis, nginx and wrk (apt-get install nginx wrk); database
# ocop_two (TWO_DB) is dropped and made again, Redis database 9 (TWO_REDIS_URL).
two-servers: $(VENV)/.dev-installed  ## two gunicorn servers behind nginx: shared sessions and uploads, last-units race, wrk load
	bash deploy/two_servers.sh

clean:  ## remove the virtualenv, the SQLite databases and generated files
	rm -rf $(VENV) var .pytest_cache .ruff_cache
