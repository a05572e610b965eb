from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Project infrastructure")

    def ready(self):
        from lms.page_cache import page_cache_connect

        page_cache_connect()
