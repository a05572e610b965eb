"""The demo data of `manage.py load_demo`: fictional but realistic.

The data lives in the files beside this module (see README.md there):

- one CSV per importer, in that importer's own columns, loaded through the
  import machinery exactly as `manage.py import` would load it;
- `accounts.csv`: the demo logins, which no importer covers;
- `pages.toml` and `pages/<slug>.<language>.html`: the pages' metadata and their
  Latvian and English texts.

This module only reads and parses the files; it writes nothing. The loader is
the command, and the consistency checks are tests/courses/test_demo_data.py.
"""

import csv
import re
import tomllib
from dataclasses import dataclass
from html import unescape
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
PAGES_DIR = DATA_DIR / "pages"

# The importers' files, in the order they depend on each other: people need
# their organisations, services their managers, involvements and roles both.
TABLES = ("organisations", "people", "services", "resources", "involvements", "roles")

# For a local demo database only; never use it elsewhere.
DEMO_PASSWORD = "demo-Parole-2026"
ADMIN_EMAIL = "admin@example.lv"

# The page tree's fixed pages (slugs as courses.services.site_setup makes them).
HOME_SLUG = "sakums"
COURSE_INDEX_SLUG = "kursi"
MATERIAL_INDEX_SLUG = "materiali"

LANGUAGES = ("lv", "en")

# A page file is a flat sequence of these elements; nothing nests but <li>.
_BLOCK = re.compile(r'<(h1|h2|p|ul)( class="summary")?>(.*?)</\1>', re.DOTALL)
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
_SPACE = re.compile(r"\s+")


# Apps above courses/ (support/) add their demo content through this registry,
# from their AppConfig.ready(): load_demo calls each loader after the pages, in
# the same transaction, so courses/ never imports them.
_loaders: dict = {}


def loader_register(name: str, loader) -> None:
    """Register `loader()` (idempotent, writing through its app's services)."""
    _loaders[name] = loader


def loaders() -> dict:
    return dict(_loaders)


def support_data() -> dict:
    """`support.toml`: the demo's consultations, needs and feedback."""
    return tomllib.loads((DATA_DIR / "support.toml").read_text(encoding="utf-8"))


class DemoDataError(ValueError):
    """A demo file that does not parse."""


def table_path(name: str) -> Path:
    return DATA_DIR / f"{name}.csv"


def table_rows(name: str) -> list[dict[str, str]]:
    """A demo CSV as dicts (for the checks and the account list)."""
    with table_path(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Block:
    """One element of a page body: h2 or p with `text`, ul with `items`."""

    tag: str
    items: tuple[str, ...]

    def html(self) -> str:
        if self.tag == "ul":
            return "<ul>" + "".join(f"<li>{item}</li>" for item in self.items) + "</ul>"
        return f"<{self.tag}>{self.items[0]}</{self.tag}>"


@dataclass(frozen=True)
class PageText:
    """A page's text in one language, as its file gives it."""

    title: str
    summary: str
    blocks: tuple[Block, ...]

    @property
    def body(self) -> str:
        """The body as Wagtail rich-text HTML."""
        return "".join(block.html() for block in self.blocks)


def _inline(html: str) -> str:
    # Lines are wrapped in the files for reading; the page gets single spaces.
    return _SPACE.sub(" ", html).strip()


def _items(name: str, html: str) -> tuple[str, ...]:
    items, position = [], 0
    for match in _ITEM.finditer(html):
        if html[position : match.start()].strip():
            raise DemoDataError(f"{name}: text outside <li> in a list")
        items.append(_inline(match.group(1)))
        position = match.end()
    if html[position:].strip() or not items:
        raise DemoDataError(f"{name}: a list must hold only <li> items")
    return tuple(items)


def parse_page(name: str, source: str) -> PageText:
    """Split a page file into title (<h1>), summary (<p class="summary">) and body.

    The body may hold only <h2>, <p> and <ul> with <li>: the same rich text an
    editor can write in the admin.
    """
    blocks, position = [], 0
    for match in _BLOCK.finditer(source):
        if source[position : match.start()].strip():
            raise DemoDataError(
                f"{name}: unexpected text before “{match.group(0)[:40]}”"
            )
        tag, summary, inner = match.groups()
        if tag == "ul":
            blocks.append((tag, bool(summary), _items(name, inner)))
        else:
            blocks.append((tag, bool(summary), (_inline(inner),)))
        position = match.end()
    if source[position:].strip():
        raise DemoDataError(f"{name}: unexpected text at the end")
    if not blocks or blocks[0][0] != "h1":
        raise DemoDataError(f"{name}: the file must start with the title in <h1>")
    title = unescape(blocks.pop(0)[2][0])
    summary = ""
    if blocks and blocks[0][1]:
        if blocks[0][0] != "p":
            raise DemoDataError(f"{name}: only a <p> can be the summary")
        summary = unescape(blocks.pop(0)[2][0])
    body = []
    for tag, is_summary, items in blocks:
        if tag == "h1" or is_summary:
            raise DemoDataError(f"{name}: only one title and one summary, at the top")
        body.append(Block(tag, items))
    return PageText(title=title, summary=summary, blocks=tuple(body))


def page_text(slug: str, language: str) -> PageText:
    path = PAGES_DIR / f"{slug}.{language}.html"
    return parse_page(path.name, path.read_text(encoding="utf-8"))


def page_metadata() -> dict:
    """pages.toml: {"course": [...], "material": [...]}."""
    with (DATA_DIR / "pages.toml").open("rb") as handle:
        return tomllib.load(handle)


def course_slug(code: str) -> str:
    """A course's page file is named after its code in lower case."""
    return code.lower()
