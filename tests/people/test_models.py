import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from people.models import Person, User
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_person_email_is_unique_whatever_the_case():
    PersonFactory(email="anna.berzina@example.lv")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(email="Anna.Berzina@Example.LV")


def test_duplicate_person_email_gets_a_clear_form_error():
    existing = PersonFactory(email="janis@example.lv")
    duplicate = Person(
        first_name="Jānis",
        last_name="Otrais",
        email="JANIS@example.lv",
        organisation=existing.organisation,
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Persona ar šādu e-pastu jau ir reģistrēta." in str(error.value)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "A person with this e-mail already exists." in str(error.value)


def test_organisation_code_is_unique():
    OrganisationFactory(code="90000000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(code="90000000001")


def test_user_email_is_unique_whatever_the_case():
    User.objects.create_user(email="ilze@example.lv", password="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="other@example.lv", password="x")
        User.objects.filter(email="other@example.lv").update(email="ILZE@example.lv")


def test_user_manager_stores_email_lower_case():
    user = User.objects.create_user(email="Ilze.Kalnina@Example.LV", password="x")
    assert user.email == "ilze.kalnina@example.lv"


def test_name_follows_active_language():
    organisation = OrganisationFactory(name_lv="Ministrija", name_en="Ministry")
    with translation.override("lv"):
        assert organisation.name == "Ministrija"
    with translation.override("en"):
        assert organisation.name == "Ministry"
    organisation.name_en = ""
    with translation.override("en"):
        assert organisation.name == "Ministrija"


def test_partner_kinds():
    assert OrganisationFactory(kind="ngo").is_partner_kind
    assert not OrganisationFactory(kind="state_institution").is_partner_kind
