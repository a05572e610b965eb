"""import-export widgets that read cells the way Latvian offices write them.

Each raises ValueError with a message in the active language; the importer
reports it against the row and column.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

FORMULA_START = ("=", "@")


def _eager(lazy_regex):
    return re.compile(lazy_regex.pattern, lazy_regex.flags)


class EagerEmailValidator(EmailValidator):
    """Django's e-mail rules with its regexes compiled once, not proxied.

    Django keeps them lazy, and the proxy costs more than the match when a
    file has tens of thousands of addresses.
    """

    user_regex = _eager(EmailValidator.user_regex)
    domain_regex = _eager(EmailValidator.domain_regex)
    literal_regex = _eager(EmailValidator.literal_regex)


validate_email = EagerEmailValidator()
ESCAPED_START = ("'=", "'+", "'-", "'@", "'\t", "'\r")


def clean_text(value) -> str:
    """Trimmed text; formulas refused, our own export's escaping undone."""
    if value is None:
        return ""
    text = str(value).strip()
    if text.startswith(ESCAPED_START):
        return text[1:]
    if text.startswith(FORMULA_START):
        raise ValueError(
            _(
                "Formulas are not accepted (%(value)s). If the text really starts "
                "with this character, put an apostrophe before it."
            )
            % {"value": text[:30]}
        )
    return text


class TextWidget(widgets.CharWidget):
    def __init__(self, max_length=None, required=False, **kwargs):
        super().__init__(**kwargs)
        self.max_length = max_length
        self.required = required

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if self.required and not text:
            raise ValueError(_("This value is required."))
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("At most %(max)d characters are allowed; this has %(length)d.")
                % {"max": self.max_length, "length": len(text)}
            )
        return text

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class EmailWidget(TextWidget):
    def __init__(self, **kwargs):
        super().__init__(max_length=254, **kwargs)

    def clean(self, value, row=None, **kwargs):
        email = super().clean(value, row, **kwargs).lower()
        if not email:
            if self.required:
                raise ValueError(_("An e-mail address is required."))
            return ""
        try:
            validate_email(email)
        except ValidationError:
            raise ValueError(
                _("“%(value)s” is not a valid e-mail address.") % {"value": email}
            ) from None
        return email


class DateWidget(widgets.Widget):
    """dd.mm.yyyy (also d.m.yyyy) or ISO yyyy-mm-dd, or a real spreadsheet date."""

    FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%Y.", "%d/%m/%Y")

    def __init__(self, required=False, **kwargs):
        super().__init__(**kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = clean_text(value)
        if not text:
            if self.required:
                raise ValueError(_("A date is required."))
            return None
        for fmt in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date; write it as dd.mm.yyyy or yyyy-mm-dd.")
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class IntegerWidget(widgets.Widget):
    def __init__(self, minimum=0, maximum=None, **kwargs):
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            return None
        try:
            number = int(text)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a whole number.") % {"value": text}
            ) from None
        if number < self.minimum:
            raise ValueError(
                _("The number must be at least %(min)d.") % {"min": self.minimum}
            )
        if self.maximum is not None and number > self.maximum:
            raise ValueError(
                _("The number must be at most %(max)d.") % {"max": self.maximum}
            )
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ChoiceWidget(widgets.Widget):
    """A choice given by its code or by its Latvian or English label, any case."""

    def __init__(self, choices, required=True, default=None, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)
        self.required = required
        self.default = default

    def _lookup(self) -> dict[str, str]:
        lookup = {}
        for code, label in self.choices:
            lookup[str(code).lower()] = code
            for language in ("lv", "en"):
                with translation.override(language):
                    lookup[str(label).lower()] = code
        return lookup

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            if self.required and self.default is None:
                raise ValueError(_("This value is required."))
            return self.default
        if not hasattr(self, "_cache"):
            self._cache = self._lookup()
        code = self._cache.get(text.lower())
        if code is None:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {
                    "value": text,
                    "choices": ", ".join(str(c) for c, _label in self.choices),
                }
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
    """Foreign key by natural key, looked up in one query per import.

    The default widget queries once per row, which is what makes per-row
    imports about thirty times slower than bulk ones.
    """

    def __init__(self, model, field, label, required=True, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label
        self.required = required
        self._cache = None

    def reset(self):
        self._cache = None

    def _load(self):
        self._cache = {
            str(getattr(obj, self.field)).lower(): obj
            for obj in self.get_queryset(None, None).iterator()
        }

    def clean(self, value, row=None, **kwargs):
        key = clean_text(value)
        if not key:
            if self.required:
                raise ValueError(_("This value is required."))
            return None
        if self._cache is None:
            self._load()
        obj = self._cache.get(key.lower())
        if obj is None:
            raise ValueError(
                _("Unknown %(what)s “%(value)s”.") % {"what": self.label, "value": key}
            )
        return obj

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class CodeWidget(TextWidget):
    """A reference by code to a row that may only exist later in the same file.

    `known` (lower-cased codes in the database and in the file) is set by the
    resource before the import.
    """

    def __init__(self, label, **kwargs):
        super().__init__(max_length=64, **kwargs)
        self.label = label
        self.known: set[str] = set()

    def clean(self, value, row=None, **kwargs):
        code = super().clean(value, row, **kwargs)
        if code and code.lower() not in self.known:
            raise ValueError(
                _("Unknown %(what)s “%(value)s”.") % {"what": self.label, "value": code}
            )
        return code
