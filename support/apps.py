from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Information and consultations")

    def ready(self):
        from courses import demo
        from courses.signals import material_version_published
        from support import receivers
        from support.demo import load

        material_version_published.connect(
            receivers.material_version_published,
            dispatch_uid="support_material_version_notify",
        )
        # load_demo (in courses/, below support/) calls it after the pages.
        demo.loader_register("support", load)

        # A learner's cached dashboard (lms.page_cache) shows these.
        from lms.page_cache import people_touch_on_change
        from support.models import Acknowledgement, Consultation, Feedback

        people_touch_on_change(Acknowledgement, lambda record: record.person_id)
        people_touch_on_change(Feedback, lambda record: record.person_id)
        people_touch_on_change(Consultation, lambda record: record.asker_id)
