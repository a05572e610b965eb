from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import receivers  # noqa: F401
        from certificates.bench import CertificatesBenchmark
        from lms import bench

        bench.registry.register(CertificatesBenchmark())

        # A learner's cached dashboard (lms.page_cache) lists their certificates.
        from certificates.models import Certificate
        from lms.page_cache import people_touch_on_change

        people_touch_on_change(Certificate, lambda record: record.person_id)

        from certificates import demo
        from courses import demo as courses_demo

        courses_demo.loader_register("certificates", demo.load)

        # Certificates expiring in 30 days join curricula's daily notices.
        from certificates.selectors import certificate_expiry_notices
        from curricula.services.notices import expiring_source_register

        expiring_source_register(certificate_expiry_notices)
