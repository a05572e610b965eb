# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# E-mailed links (invitations, password resets) point at the server `make run`
# starts, unless BASE_URL is set. A wildcard bind address is not a link target.
BASE_URL ?= http://$(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
WORKER := $(if $(filter rq,$(TASKS_BACKEND)),rqworker --job-class django_tasks_rq.Job default,db_worker)

.PHONY: run test venv check-python setup lint format messages clean

check-python:
	@v=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); \
	if [ -z "$$v" ]; then \
	  echo "Error: '$(PYTHON)' was not found or does not run."; \
	  echo "Install Python 3.11 or newer, or run again with PYTHON=/path/to/python3.11."; \
	  exit 1; \
	fi; \
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
	  echo "Error: Python 3.11 or newer is needed; '$(PYTHON)' is Python $$v."; \
	  echo "Run again with PYTHON=/path/to/python3.11 (or newer)."; \
	  exit 1; }

$(STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

venv: check-python $(STAMP)

setup: venv
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py update_index --verbosity 0

run: setup
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/      (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py load_demo --logins
	@echo "  Links in e-mails:  $(BASE_URL)/"
	@echo "  Worker:  manage.py $(WORKER)   ·   Ctrl-C stops both"
	@echo ""
	@trap 'kill 0' INT TERM; \
	  export BASE_URL='$(BASE_URL)'; \
	  $(PY) manage.py $(WORKER) & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT) & \
	  wait

test: venv
	$(PY) -m pytest

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: venv
	$(PY) manage.py makemessages --locale lv --locale en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var static_collected
