"""Who may change a matter's members, the last lead counsel, and the history of membership."""

import pytest

from matters.models import Membership, MembershipRole
from matters.services import LAST_LEAD
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plain_counsel(matter):
    user = UserFactory(username="pat")
    MembershipFactory(matter=matter, user=user, role=MembershipRole.COUNSEL)
    return user


def _roles(matter):
    return sorted(matter.memberships.values_list("user__username", "role"))


def test_a_plain_counsel_cannot_make_himself_lead(client_as, plain_counsel, counsel, matter):
    response = client_as(plain_counsel).post(f"/matters/{matter.pk}/members/", {"user": plain_counsel.pk, "role": "lead"})
    assert response.status_code == 403
    assert _roles(matter) == [("casey", "lead"), ("pat", "counsel")]


def test_a_plain_counsel_cannot_remove_the_lead(client_as, plain_counsel, counsel, matter):
    lead = Membership.objects.get(user=counsel)
    response = client_as(plain_counsel).post(f"/matters/{matter.pk}/members/{lead.pk}/remove/")
    assert response.status_code == 403
    assert _roles(matter) == [("casey", "lead"), ("pat", "counsel")]


def test_a_plain_counsel_cannot_add_a_member(client_as, plain_counsel, matter):
    newcomer = UserFactory(username="newcomer")
    response = client_as(plain_counsel).post(f"/matters/{matter.pk}/members/", {"user": newcomer.pk, "role": "counsel"})
    assert response.status_code == 403
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_lead_adds_a_member_and_makes_him_lead(client_as, counsel, plain_counsel, matter):
    client_as(counsel).post(f"/matters/{matter.pk}/members/", {"user": plain_counsel.pk, "role": "lead"})
    assert _roles(matter) == [("casey", "lead"), ("pat", "lead")]


def test_the_last_lead_cannot_be_removed_and_is_told_why(client_as, counsel, plain_counsel, matter):
    lead = Membership.objects.get(user=counsel)
    response = client_as(counsel).post(f"/matters/{matter.pk}/members/{lead.pk}/remove/", follow=True)
    assert [str(message) for message in response.context["messages"]] == [LAST_LEAD.format(name=counsel)]
    assert _roles(matter) == [("casey", "lead"), ("pat", "counsel")]


def test_the_last_lead_cannot_be_demoted(client_as, admin_user, counsel, matter):
    response = client_as(admin_user).post(f"/matters/{matter.pk}/members/", {"user": counsel.pk, "role": "counsel"}, follow=True)
    assert [str(message) for message in response.context["messages"]] == [LAST_LEAD.format(name=counsel)]
    assert _roles(matter) == [("casey", "lead")]


def test_a_lead_may_leave_once_another_lead_is_named(client_as, admin_user, counsel, plain_counsel, matter):
    client = client_as(admin_user)
    client.post(f"/matters/{matter.pk}/members/", {"user": plain_counsel.pk, "role": "lead"})
    client.post(f"/matters/{matter.pk}/members/{Membership.objects.get(user=counsel).pk}/remove/")
    assert _roles(matter) == [("pat", "lead")]


def test_membership_changes_are_in_the_matters_history(client_as, admin_user, counsel, plain_counsel, matter):
    client = client_as(admin_user)
    client.post(f"/matters/{matter.pk}/members/", {"user": plain_counsel.pk, "role": "lead"})
    client.post(f"/matters/{matter.pk}/members/{Membership.objects.get(user=plain_counsel).pk}/remove/")
    history = [row for row in client.get(f"/matters/{matter.pk}/").context["history"] if row.action.endswith(" of pat")]
    assert [(row.action, row.who) for row in history] == [
        ("deleted membership of pat", "ada"), ("changed membership of pat", "ada"), ("created membership of pat", "Covenant (automatic)")]
