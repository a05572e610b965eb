"""The demo's certificates: a default template, and a certificate for every
demo completion (so the demo learner's dashboard shows one on first run); the
demo curriculum's own template, and a certificate for each of its completions.

Registered with courses.demo.loader_register; idempotent.
"""

from django.db.models import F

from certificates.models import CertificateTemplate
from certificates.selectors import (
    completions_without_certificate,
    curriculum_completions_without_certificate,
)
from certificates.services import certificate_issue
from curricula.models import Curriculum
from curricula.services.demo import CODE as CURRICULUM_CODE
from people.models import Organisation

TEMPLATE_NAME = "Mācību apliecība"
CURRICULUM_TEMPLATE_NAME = "Mācību plāna apliecība"


def _curriculum_template() -> None:
    """The demo curriculum's template, issued by the institution that owns the
    plan, worded for a plan rather than a course."""
    plan = Curriculum.objects.filter(code=CURRICULUM_CODE).first()
    if plan is None or CertificateTemplate.objects.filter(curriculum=plan).exists():
        return
    CertificateTemplate.objects.create(
        name=CURRICULUM_TEMPLATE_NAME,
        curriculum=plan,
        issuer=plan.owner,
        validity_months=plan.recurrence_months,
        title_lv="Apliecība",
        title_en="Certificate",
        body_lv=(
            "Apliecina, ka {person} sekmīgi apguva mācību plānu "
            "“{curriculum}” un tā kompetences {competences}."
        ),
        body_en=(
            "This certifies that {person} has completed the curriculum "
            "“{curriculum}” and attained its competences {competences}."
        ),
        signatory_name="Dace Liepiņa",
        signatory_title_lv="Mācību koordinatore",
        signatory_title_en="Training coordinator",
        accent_colour="#2e6b4f",
    )


def load() -> None:
    # The ministry at the top of the demo's tree issues the certificates.
    issuer = (
        Organisation.objects.filter(kind="state_institution")
        .order_by(F("parent_id").asc(nulls_first=True), "pk")
        .first()
    )
    if issuer is None:
        return
    # Worded for a course and a curriculum alike: a curriculum without a
    # template of its own gets the default. The past tense ("pabeidza") is the
    # same for women and men; "ir pabeidzis" would speak of men only.
    if not CertificateTemplate.objects.filter(is_default=True).exists():
        CertificateTemplate.objects.create(
            name=TEMPLATE_NAME,
            is_default=True,
            issuer=issuer,
            validity_months=36,
            title_lv="Apliecība",
            title_en="Certificate",
            body_lv=(
                "Apliecina, ka {person} sekmīgi pabeidza mācības "
                "“{course}” un apguva kompetences {competences}."
            ),
            body_en=(
                "This certifies that {person} has completed the training "
                "“{course}” and attained the competences {competences}."
            ),
            signatory_name="Ilze Kalniņa",
            signatory_title_lv="Mācību koordinatore",
            signatory_title_en="Training coordinator",
        )
    for completion in completions_without_certificate().select_related("course"):
        certificate_issue(completion=completion, channel="command")
    _curriculum_template()
    # The demo curriculum's member who has completed it gets the plan's
    # certificate, if curricula's demo loader (which runs before this one) has
    # recorded the completion already. If not, there is nothing to skip here:
    # the completion is recorded after the commit by the worker, and its
    # curriculum_completed signal issues the certificate then.
    for completion in curriculum_completions_without_certificate():
        certificate_issue(curriculum_completion=completion, channel="command")
