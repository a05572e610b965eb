import datetime

import factory
from django.contrib.auth.models import Group

from catalogue.models import Involvement, Relation, Resource, RoleAssignment, Service
from people.models import Organisation, OrganisationKind, Person, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"9000{n:07d}")
    name_lv = factory.Sequence(lambda n: f"Iestāde {n}")
    name_en = factory.Sequence(lambda n: f"Institution {n}")
    kind = OrganisationKind.STATE_INSTITUTION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Anna{n}")
    last_name = "Bērziņa"
    email = factory.Sequence(lambda n: f"person{n}@example.lv")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Vecākā referente"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.lv")
    first_name = "Jānis"
    last_name = "Kalniņš"
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    code = factory.Sequence(lambda n: f"PAK-{n:04d}")
    name_lv = factory.Sequence(lambda n: f"Pakalpojums {n}")
    name_en = factory.Sequence(lambda n: f"Service {n}")
    owner = factory.SubFactory(OrganisationFactory)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    code = factory.Sequence(lambda n: f"RES-{n:04d}")
    name_lv = factory.Sequence(lambda n: f"Resurss {n}")
    owner = factory.SubFactory(OrganisationFactory)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    person = factory.SubFactory(PersonFactory)
    service = factory.SubFactory(ServiceFactory)
    relation = Relation.INTERNAL
    start_date = datetime.date(2026, 1, 1)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(PersonFactory)
    role = "service_manager"
    service = factory.SubFactory(ServiceFactory)
