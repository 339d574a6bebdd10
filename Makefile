# PhotoVoice archive. `make help` lists what is here.
PY := .venv/bin/python
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help demo test lint format migrations-check messages bench bench-bulk install install-test

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.venv/.installed: pyproject.toml scripts/bootstrap_venv.sh
	scripts/bootstrap_venv.sh
	touch $@

.venv/.installed-test: pyproject.toml scripts/bootstrap_venv.sh
	scripts/bootstrap_venv.sh test
	touch $@ .venv/.installed

install: .venv/.installed ## Install the site into .venv

install-test: .venv/.installed-test ## Install the site and its test tools into .venv

demo: install ## Install, load demo content into SQLite and serve on 127.0.0.1:$(PORT)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-test ## Install what the tests need and run them all (SQLite, then PostgreSQL + S3)
	scripts/system_packages.sh
	scripts/run_tests.sh

lint: install-test ## Check code style with ruff
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install-test ## Reformat code with ruff
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

migrations-check: install ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=photovoice.settings.test $(PY) manage.py makemigrations --check --dry-run

messages: install ## Extract UI strings into locale/*/django.po and compile them
	$(PY) manage.py makemessages -l cs -l en -l ru -l uk -l vi -l ar --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

bench: install-test ## Print the benchmarks: derivative CPU, the exhibit page on a phone, page and front cache
	scripts/system_packages.sh
	scripts/bench_packages.sh
	$(PY) benchmarks/bench_derivatives.py
	$(PY) benchmarks/bench_derivatives_pure.py
	$(PY) benchmarks/bench_exhibit_page.py

bench-bulk: install-test ## Bulk import of 150 photos + 20 interviews with 2 task workers (PostgreSQL + S3; ~10 min)
	scripts/system_packages.sh
	$(PY) benchmarks/bench_bulk_import.py
