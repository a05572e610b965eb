"""Crude Latvian text normalisation for search: fold diacritics, strip endings.

Neither SQLite's FTS5 nor PostgreSQL ships a Latvian stemmer, so the search
index carries, beside the page's own text, a copy of it folded and stemmed
here, and the visitor's query is folded and stemmed the same way. It is a
suffix stripper, not a morphological analyser: it removes the common noun,
adjective and participle endings so that the cases of one word meet
("pakalpojums", "pakalpojumu", "pakalpojuma" → "pakalpojum"), and folds the
long vowels and softened consonants to plain letters ("pārvaldība" and
"parvaldiba" → "parvaldib"). English words pass through the same function, so
index and query always agree.
"""

import re
import unicodedata

# Longest first: "iem" must win over "em", "ajam" over "am".
_ENDINGS = (
    "ajiem",
    "ajam",
    "ajai",
    "ajos",
    "ajas",
    "iem",
    "ais",
    "aja",
    "ies",
    "am",
    "em",
    "im",
    "um",
    "os",
    "as",
    "es",
    "is",
    "us",
    "ai",
    "ei",
    "ie",
    "s",
    "a",
    "e",
    "i",
    "u",
    "o",
)
# A stem shorter than this is left whole: "lv", "ES", "IT" stay themselves.
MIN_STEM = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without diacritics: "Pārvaldība" → "parvaldiba"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """One folded word without its ending ("pakalpojumiem" → "pakalpojum")."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def words(text: str) -> list[str]:
    """The folded, stemmed words of `text`, in order."""
    return [stem(word) for word in _WORD.findall(fold(text))]


def index_text(text: str) -> str:
    """`text` as the search index stores it beside the original."""
    return " ".join(dict.fromkeys(words(text)))
