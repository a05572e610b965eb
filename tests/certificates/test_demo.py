"""The demo's certificates: the demo curriculum's completed member gets one."""

import pytest
from django.core.management import call_command

from certificates import demo
from certificates.models import Certificate, CertificateStatus, CertificateTemplate
from curricula.models import CurriculumCompletion
from curricula.services.completions import curriculum_completions_sweep
from curricula.services.demo import CODE

pytestmark = pytest.mark.django_db


def test_demo_curriculum_certificate_is_issued_once():
    call_command("load_demo", verbosity=0)
    # What the worker does after load_demo's commit, if curricula's demo has
    # not recorded the completion itself (the test's commit never happens).
    curriculum_completions_sweep()
    demo.load()
    template = CertificateTemplate.objects.get(curriculum__code=CODE)
    assert "{curriculum}" in template.body_lv
    completion = CurriculumCompletion.objects.get(curriculum__code=CODE)
    assert completion.person.email == "aivars.mednis@rakc.example.lv"
    certificate = Certificate.objects.get(curriculum_completion=completion)
    assert certificate.status == CertificateStatus.ACTIVE
    assert certificate.template == template
    assert certificate.title == "Partneru pamatzināšanas"
    before = Certificate.objects.count()
    demo.load()
    assert Certificate.objects.count() == before
