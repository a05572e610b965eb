import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Revision

from courses import demo_data
from courses.models import CoursePage, MaterialPage
from people.models import Person, User

pytestmark = pytest.mark.django_db


def _snapshot():
    counts = {
        model._meta.label: model.objects.count()
        for app in ("people", "catalogue", "competences", "courses")
        for model in apps.get_app_config(app).get_models()
    }
    counts["revisions"] = Revision.objects.count()
    counts["pages"] = Page.objects.count()
    passwords = dict(User.objects.values_list("email", "password"))
    return counts, passwords


def test_load_demo_twice_changes_nothing():
    call_command("load_demo", verbosity=0)
    first = _snapshot()
    call_command("load_demo", verbosity=0)
    assert _snapshot() == first


def test_demo_content_matches_the_brief():
    call_command("load_demo", verbosity=0)
    assert Person.objects.count() == len(demo_data.PEOPLE) >= 40
    # Four courses and four materials, each in Latvian and English.
    assert CoursePage.objects.count() == 8
    assert MaterialPage.objects.count() == 8
    for email, _password, group, _person in demo_data.DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.groups.filter(name=group).exists()
        assert user.check_password(demo_data.DEMO_PASSWORD)
