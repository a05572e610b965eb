"""The demo's certificates: a default template, and a certificate for every
demo completion (so the demo learner's dashboard shows one on first run).

Registered with courses.demo.loader_register; idempotent.
"""

from django.db.models import F

from certificates.models import CertificateTemplate
from certificates.selectors import completions_without_certificate
from certificates.services import certificate_issue
from people.models import Organisation

TEMPLATE_NAME = "Mācību apliecība"


def load() -> None:
    # The ministry at the top of the demo's tree issues the certificates.
    issuer = (
        Organisation.objects.filter(kind="state_institution")
        .order_by(F("parent_id").asc(nulls_first=True), "pk")
        .first()
    )
    if issuer is None:
        return
    if not CertificateTemplate.objects.filter(is_default=True).exists():
        CertificateTemplate.objects.create(
            name=TEMPLATE_NAME,
            is_default=True,
            issuer=issuer,
            validity_months=36,
            title_lv="Apliecība",
            title_en="Certificate",
            body_lv=(
                "Apliecina, ka {person} ir sekmīgi pabeidzis mācību kursu "
                "“{course}” un apguvis kompetences {competences}."
            ),
            body_en=(
                "This certifies that {person} has completed the course "
                "“{course}” and attained the competences {competences}."
            ),
            signatory_name="Ilze Kalniņa",
            signatory_title_lv="Mācību koordinatore",
            signatory_title_en="Training coordinator",
        )
    for completion in completions_without_certificate().select_related("course"):
        certificate_issue(completion=completion, channel="command")
