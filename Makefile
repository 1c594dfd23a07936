# storyline: every set-up step in one place. Two commands do everything on a fresh machine:
#   make demo   installs the runtime set (requirements.lock) into .venv and briefs the example
#   make test   adds the development set (requirements-dev.lock) and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install dev browser demo test gate lint bench schema clean

install: $(VENV)/.installed
dev: $(VENV)/.dev

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("storyline needs Python >= 3.11" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(PY) -c "from storyline.places.gazetteer import ensure_index; ensure_index()"  # the place index: ~15 s, once
	touch $@

# What tests, benchmarks and lint need beyond the runtime set.
$(VENV)/.dev: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

demo: install
	$(VENV)/bin/storyline brief examples/tarija-water --format text
	$(VENV)/bin/storyline report examples/tarija-water -o build/tarija-water.html
	$(PY) examples/api.py

# Headless Chromium (Debian packages) for the HTML report's browser tests.
browser:
	sh scripts/install-browser.sh

test: dev browser
	$(PY) -m pytest -q

# The quality gate: small fixed slices of the benchmarks held to the floors pinned in
# benchmarks/floors.json (CI runs it after the tests; a few minutes).
gate: dev
	$(PY) benchmarks/gate.py

lint: dev
	$(VENV)/bin/ruff check src tests benchmarks examples scripts
	$(VENV)/bin/mypy

# Benchmarks print their figure beside a baseline from the same run.
bench: dev
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/scaling.py
	$(PY) benchmarks/summary.py
	$(PY) benchmarks/time_eval.py
	$(PY) benchmarks/timeline_eval.py
	$(PY) benchmarks/geo_eval.py
	$(PY) benchmarks/claims_eval.py
	$(PY) benchmarks/labelled_eval.py
	$(PY) benchmarks/syndication_speed.py
	$(PY) benchmarks/event_type_eval.py
	$(PY) benchmarks/report_render.py
	$(PY) benchmarks/store_ingest.py

# Regenerate the checked-in JSON Schema after changing model.py.
schema: install
	$(VENV)/bin/storyline schema > schema/briefing.schema.json
	$(PY) -c "import json; from storyline.model import Stories, json_schema; print(json.dumps(json_schema(Stories), indent=2))" > schema/stories.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
