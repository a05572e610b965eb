"""State changes of people/, by noun: the register (organisations and
persons) and accounts (accounts and invitations).

Callers import from `people.services`; the modules below only keep each file
small enough to read.
"""

from people.services.accounts import (
    INVITATION_REFUSED,
    AccountExists,
    account_create,
    account_lockout_clear,
    invitation_accept,
    invitation_refuse,
    invitation_send,
    invitation_void_for_person,
)
from people.services.register import (
    organisation_check,
    organisation_loop,
    organisation_parents_set,
    organisation_save,
    organisation_upsert,
    people_moved_announce,
    person_check,
    person_create,
    person_save,
    person_upsert,
)

__all__ = [
    "INVITATION_REFUSED",
    "AccountExists",
    "account_create",
    "account_lockout_clear",
    "invitation_accept",
    "invitation_refuse",
    "invitation_send",
    "invitation_void_for_person",
    "organisation_check",
    "organisation_loop",
    "organisation_parents_set",
    "organisation_save",
    "organisation_upsert",
    "people_moved_announce",
    "person_check",
    "person_create",
    "person_save",
    "person_upsert",
]
