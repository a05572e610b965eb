"""House rules that hold for the whole code base, not for one app."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 500
# Not code to read: generated migrations and the card's reference tables.
EXEMPT_DIRS = {".venv", "var", "migrations", "node_modules", ".git"}
EXEMPT_FILES = {Path("competences/reference_data.py")}


def python_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if EXEMPT_DIRS.intersection(relative.parts) or relative in EXEMPT_FILES:
            continue
        yield relative


def test_the_walk_finds_the_apps_and_the_tests():
    modules = set(python_modules())
    assert Path("people/models.py") in modules
    assert Path("tests/lms/test_house_rules.py") in modules
    assert not any("migrations" in m.parts for m in modules)


def test_no_module_exceeds_500_lines():
    too_long = {}
    for relative in python_modules():
        with open(ROOT / relative, encoding="utf-8") as handle:
            lines = sum(1 for _line in handle)
        if lines > MAX_LINES:
            too_long[str(relative)] = lines
    assert not too_long, (
        f"Split these modules by noun (at most {MAX_LINES} lines each): {too_long}"
    )
