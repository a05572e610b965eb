from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Information and consultations")

    def ready(self):
        from courses import demo
        from support.demo import load

        # load_demo (in courses/, below support/) calls it after the pages.
        demo.loader_register("support", load)
