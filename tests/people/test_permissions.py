import pytest

from catalogue.permissions import (
    involvements_visible_to,
    role_assignments_visible_to,
    services_visible_to,
)
from people.models import Person
from people.permissions import (
    can_invite,
    organisations_visible_to,
    people_visible_to,
)

pytestmark = pytest.mark.django_db


def test_manager_sees_own_institution_units_and_involved_partners(two_institutions):
    t = two_institutions
    people = set(people_visible_to(t["manager_a"]))
    assert {t["staff_a"], t["partner_person"]} <= people
    orgs = set(organisations_visible_to(t["manager_a"]))
    assert {t["inst_a"], t["unit_a"], t["partner"]} <= orgs


def test_manager_does_not_see_another_institution(two_institutions):
    t = two_institutions
    assert t["staff_b"] not in people_visible_to(t["manager_a"])
    assert t["inst_b"] not in organisations_visible_to(t["manager_a"])
    assert t["ministry"] not in organisations_visible_to(t["manager_a"])
    assert t["service_b"] not in services_visible_to(t["manager_a"])
    assert (
        not involvements_visible_to(t["manager_a"])
        .filter(service=t["service_b"])
        .exists()
    )


def test_partner_people_not_involved_stay_hidden(two_institutions):
    t = two_institutions
    # The partner organisation is visible, but only its people who deliver
    # institution A's services are.
    assert t["idle_partner_person"] not in people_visible_to(t["manager_a"])


def test_other_institution_manager_gets_nothing_of_a(two_institutions):
    t = two_institutions
    visible = people_visible_to(t["manager_b"])
    assert t["staff_a"] not in visible
    assert t["partner_person"] not in visible
    assert t["partner"] not in organisations_visible_to(t["manager_b"])


def test_learner_sees_only_own_record(two_institutions):
    t = two_institutions
    learner = t["learner"]
    assert list(people_visible_to(learner)) == [Person.objects.get(user=learner)]
    assert not organisations_visible_to(learner).exists()
    assert not role_assignments_visible_to(learner).exists()


def test_anonymous_sees_nothing(two_institutions):
    from django.contrib.auth.models import AnonymousUser

    assert not people_visible_to(AnonymousUser()).exists()
    assert not organisations_visible_to(AnonymousUser()).exists()


def test_only_coordinators_invite_people_they_see(two_institutions):
    t = two_institutions
    assert can_invite(t["coordinator_a"], t["partner_person"])
    assert not can_invite(t["coordinator_a"], t["staff_b"])
    assert not can_invite(t["manager_a"], t["partner_person"])


def test_a_coordinator_in_a_unit_answers_for_the_whole_institution(two_institutions):
    t = two_institutions
    coordinator = t["coordinator_a"]
    assert coordinator.person.organisation == t["unit_a"]
    orgs = set(organisations_visible_to(coordinator))
    assert {t["inst_a"], t["unit_a"]} <= orgs
    assert t["ministry"] not in orgs and t["inst_b"] not in orgs
    assert t["staff_a"] in people_visible_to(coordinator)


def test_an_institution_under_a_ministry_does_not_climb_to_the_ministry(
    two_institutions,
):
    t = two_institutions
    # inst_a is a state institution, not a unit: its scope stops at itself.
    assert t["staff_b"] not in people_visible_to(t["manager_a"])
