from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameMixin(models.Model):
    """A record named in Latvian (official) and English.

    `name` follows the active language and falls back to Latvian, because the
    Latvian name is the official one and the English may not yet be filled in.
    """

    name_lv = models.CharField(_("name (Latvian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "lv").startswith("en") and self.name_en:
            return self.name_en
        return self.name_lv
