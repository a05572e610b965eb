"""Shared by tests/support and tests/browser: a material asking its audience
to acknowledge it, and helpers to publish versions."""

import pytest

from courses.models import MaterialAudience, MaterialPage
from people.permissions import LEARNER
from tests.factories import UserFactory


def publish(material: MaterialPage, **fields) -> MaterialPage:
    """Publish `material` with `fields` changed, as an editor would."""
    material = MaterialPage.objects.get(pk=material.pk)
    for name, value in fields.items():
        setattr(material, name, value)
    material.save_revision().publish()
    return MaterialPage.objects.get(pk=material.pk)


def link_user(person, groups=(LEARNER,)):
    user = UserFactory(email=person.email, groups=list(groups))
    person.user = user
    person.save(update_fields=["user"])
    return user


@pytest.fixture
def library(two_institutions, site_pages):
    """Institution A's service has a material asking its people to acknowledge.

    Its audience: the people delivering service A (internal staff of A's unit
    and the partner's employee). Version 1 is published.
    """
    world = two_institutions
    material = site_pages["material"]
    material = publish(
        material,
        services=[world["service_a"]],
        audience=MaterialAudience.LISTED,
        requires_acknowledgement=True,
        body="<p>Pakalpojumu pārvaldība: pirmā versija.</p>",
    )
    return {
        **world,
        **site_pages,
        "material": material,
        "partner_user": link_user(world["partner_person"]),
        "staff_user": link_user(world["staff_a"]),
    }
