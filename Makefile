# Cooperation Academy. `make` alone lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

# The demo runs the production settings over plain HTTP on loopback; its mail is printed.
DEMO_ENV = DJANGO_SETTINGS_MODULE=academy.settings.production \
	SECRET_KEY="$$(cat var/secret_key)" ALLOWED_HOSTS=127.0.0.1,localhost \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 SERVE_MEDIA=1 \
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) \
	EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend \
	TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

.PHONY: venv
venv: $(STAMP) ## Create or update the virtualenv

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# Translations: the catalogues in locale/ are source; the compiled .mo files are not kept in git.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

.PHONY: translations
translations: system-deps $(MO_FILES) ## Compile the Russian and Uzbek interface catalogues

.PHONY: messages
messages: venv system-deps ## Collect new interface strings into locale/{ru,uz}
	$(PY) manage.py makemessages -l ru -l uz --no-obsolete --ignore=.venv --ignore=var --ignore=tests --add-location=file

.PHONY: migrate
migrate: venv translations ## Apply database migrations
	mkdir -p var
	$(PY) manage.py migrate --noinput

.PHONY: seed
seed: migrate ## Load (or update) the seed courses
	$(PY) manage.py load_seed_content

.PHONY: accounts
accounts: migrate ## Create the demo accounts (DEMO_PASSWORD or a generated one)
	$(PY) manage.py create_demo_accounts

.PHONY: static
static: venv var/secret_key ## Collect static files with hashed names
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0

.PHONY: demo
demo: seed accounts static ## Set up everything and serve the demo on 127.0.0.1:$(PORT)
	@echo ""
	@echo "Cooperation Academy: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Log in with the accounts printed above."
	$(DEMO_ENV) $(VENV)/bin/gunicorn academy.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

.PHONY: check
check: venv ## System checks, migrations in step with models, deploy settings, lint (code and templates)
	mkdir -p var
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=academy.settings.production SECRET_KEY="$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=academy.example.org $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint

.PHONY: test
test: venv translations browser-deps ## Set up and run the whole test suite (SQLite)
	$(VENV)/bin/pytest

.PHONY: browser-deps
browser-deps: ## Install chromium (Debian) and axe-core (npm) for tests/e2e when missing
	scripts/install-browser-deps

# The screenshots the README shows; the e2e tests save them all under tests/e2e/artifacts/.
DOC_SCREENSHOTS := lesson-desktop.png lesson-phone.png lesson-ru-desktop.png course-desktop.png quiz-result-desktop.png \
	cohort-report-desktop.png certificate-pdf.png

.PHONY: screenshots
screenshots: venv browser-deps ## Refresh the README's screenshots in docs/screenshots/
	$(VENV)/bin/pytest tests/e2e/test_screenshots.py tests/e2e/test_trainer_cohort.py -q -p no:cacheprovider
	mkdir -p docs/screenshots
	cp $(addprefix tests/e2e/artifacts/screenshots/,$(DOC_SCREENSHOTS)) docs/screenshots/

.PHONY: system-deps
system-deps: ## Install Debian's PostgreSQL and gettext when they are missing
	scripts/install-system-deps

.PHONY: test-postgres
test-postgres: venv translations ## Run the whole suite on a throwaway PostgreSQL cluster
	scripts/with-postgres $(VENV)/bin/pytest

.PHONY: stack
stack: venv translations ## Start nginx, two app servers, a worker, PostgreSQL and Redis on loopback
	scripts/stack start

.PHONY: stack-stop
stack-stop: ## Stop everything `make stack` started and remove its folders
	scripts/stack stop

.PHONY: test-stack
test-stack: venv translations ## Test the load-balanced stack (starts and stops its own)
	$(VENV)/bin/pytest -q -p no:cacheprovider -m stack tests/stack

$(VENV)/.bench-installed: requirements-bench.txt $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	touch $@

.PHONY: bench
bench: venv translations $(VENV)/.bench-installed ## Benchmark the embedded default and the stack (about 10 minutes)
	$(PY) bench/run.py
.PHONY: bench-export
bench-export: venv ## Time the XLSX report export of 2,000 learners x 3 courses (target < 10 s)
	$(PY) scripts/bench-export

.PHONY: lint
lint: venv ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: clean
clean: ## Remove the database, collected files and caches (keeps .venv)
	rm -rf var .pytest_cache .ruff_cache
