# Cap IA: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser-deps migrate content serve bench lint format clean

# Stamp files: a second `make run` skips installing unless requirements changed.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

content: migrate
	$(PY) manage.py load_communes
	$(PY) manage.py load_content
	$(PY) manage.py ensure_admin

run: content
	@echo "Cap IA : http://$(HOST):$(PORT)/  (admin : http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production-like serving: gunicorn, DEBUG off, CSP, secure cookies, hashed static files.
# Requests are logged by the app (JSON, with request id), so gunicorn keeps no access log.
# Without DJANGO_SECRET_KEY a key is generated once into db/ (never committed). HTTPS
# redirect is off unless DJANGO_SECURE_SSL_REDIRECT=1: nothing terminates TLS locally.
SERVE_SECRET := db/.serve-secret-key
$(SERVE_SECRET):
	mkdir -p db
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

serve: content $(SERVE_SECRET)
	@echo "Cap IA (gunicorn, réglages de production) : http://$(HOST):$(PORT)/"
	export DJANGO_ENV=production \
	  DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(SERVE_SECRET))}" \
	  DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-$(HOST),localhost}" \
	  DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	exec $(VENV)/bin/gunicorn portal.wsgi:application --workers $${GUNICORN_WORKERS:-2} --bind $(HOST):$(PORT)

# Load test at scale (bench/README.md): demo data in its own database, gunicorn, wrk.
# BENCH_ARGS passes options, e.g. BENCH_ARGS="--duration 5 --only /metiers/".
bench: install
	@command -v wrk >/dev/null || { echo "wrk manquant : apt-get install -y wrk (droits root), puis relancez make bench."; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then apt-get install -y wrk; else exit 1; fi; }
	$(PY) bench/run.py $(BENCH_ARGS)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Chromium (apt-get), axe-core and vnu-jar (npm) for the browser tests; skipped without them, except in CI.
browser-deps:
	portal/tests/browser/install.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
