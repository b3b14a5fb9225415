# Vel Tutor: the two commands of the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test setup browser ops-tools lint check serve clean

## demo: set up, migrate, load demo data and serve on SQLite at http://$(HOST):$(PORT)
demo: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: set up (incl. Chromium for browser tests) and run the whole suite
test: setup browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## setup: Python packages into .venv, front-end packages into node_modules
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## browser: Debian's Chromium for the browser tests (Playwright drives it; no download)
browser:
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

## ops-tools: linters for the deployment files (shellcheck, nginx, promtool, systemd-analyze)
ops-tools:
	@missing=""; \
	command -v shellcheck >/dev/null || missing="$$missing shellcheck"; \
	command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	command -v promtool >/dev/null || missing="$$missing prometheus"; \
	command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
	command -v pg_dump >/dev/null || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; fi; \
	fi

## lint: ruff, migrations in sync
lint: setup
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

serve: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

clean:
	rm -rf $(VENV) node_modules staticfiles test-results
