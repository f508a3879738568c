"""Reminders for network agreements: once a day, one email per person, in Dutch, no case."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from rondom.core.periodic import reminder_jobs
from rondom.networks.models import NetworkAgreement, NetworkRole
from rondom.networks.reminders import _claim, send_reminders
from tests.conftest import make_user
from tests.test_wording import assert_je_form

from .agreement_world import agreement, build, today

SITE = "https://rondom.voorbeeld.nl"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Rondom"


@pytest.fixture
def world(db):
    world = build()
    # Elders' agreements are due too; these tests look at Wijk Test's alone.
    NetworkAgreement.objects.filter(network=world.elsewhere).update(status="done")
    return world


def sent() -> dict[str, str]:
    """Every email sent, by address: its subject and body."""
    found = {}
    for message in mail.outbox:
        [address] = message.to
        assert address not in found, f"{address} got two emails"
        found[address] = f"{message.subject}\n{message.body}"
    mail.outbox.clear()
    return found


@pytest.mark.django_db
def test_due_and_overdue_agreements_remind_their_owner_once_a_day_in_one_email(world):
    now = today()
    agreement(
        world.network, "Maandelijks overleg", owner_user=world.ib, due_on=now - timedelta(days=4)
    )
    agreement(
        world.network, "Vaste contactpersoon", owner_user=world.ib, due_on=now + timedelta(days=2)
    )
    agreement(world.network, "Later pas", owner_user=world.ib, due_on=now + timedelta(days=30))
    agreement(world.network, "Al gedaan", owner_user=world.ib, due_on=now, status="done")
    agreement(world.network, "Laten vallen", owner_user=world.coach, due_on=now, status="dropped")

    assert send_reminders(days=3, today=now) == 2
    emails = sent()
    assert list(emails) == [world.ib.email]
    text = emails[world.ib.email]
    assert "Maandelijks overleg" in text and "Vaste contactpersoon" in text
    assert "Later pas" not in text and "Al gedaan" not in text
    assert text.index("Maandelijks overleg") < text.index("Vaste contactpersoon")  # by date

    assert send_reminders(days=3, today=now) == 0  # not twice on one day
    assert sent() == {}
    assert send_reminders(days=3, today=now + timedelta(days=1)) == 2  # again the next day
    assert list(sent()) == [world.ib.email]


@pytest.mark.django_db
def test_the_email_is_dutch_names_the_network_links_to_my_agreements_and_no_case(world):
    now = today()
    agreement(
        world.network, "Maandelijks overleg", owner_user=world.ib, due_on=now - timedelta(days=1)
    )
    send_reminders(days=3, today=now)
    [message] = mail.outbox
    assert message.subject == "Een netwerkafspraak in Rondom is over de datum"
    body = message.body
    assert body.startswith("Hallo,")
    due = (now - timedelta(days=1)).strftime("%d-%m-%Y")
    assert f"“Maandelijks overleg” (netwerk Wijk Test) moet klaar zijn op {due}." in body
    assert "Open Mijn afspraken om hem op klaar of vervallen te zetten" in body
    assert SITE + reverse("caseload:my_agreements") in body
    assert f"Deze e-mail komt van Rondom ({SITE})" in body
    assert_je_form(f"{message.subject}\n{body}", "network reminder")
    # Above the sign-off (which says what Rondom is) there is no case and no child.
    own_part = body.split("Deze e-mail komt van")[0].lower()
    assert not re.search(r"casus|\bkind|leerling|gezin", own_part), own_part
    assert "127.0.0.1" not in body and "testserver" not in body


@pytest.mark.django_db
def test_an_organisations_agreement_reminds_who_made_it_or_else_the_coordinators(world):
    now = today()
    second = make_user("tweede@wijk.test", first_name="Tess", last_name="Twee")
    NetworkRole.objects.create(network=world.network, user=second)
    agreement(world.network, "Voor het team", owner_organisation=world.team, due_on=now,
              created_by=world.coordinator)  # fmt: skip
    send_reminders(days=3, today=now)
    emails = sent()
    assert list(emails) == [world.coordinator.email]
    assert "“Voor het team” (Jeugdteam Noord, netwerk Wijk Test)" in emails[world.coordinator.email]

    # Its maker gone, or no longer a coordinator of the network: every coordinator hears.
    orphan = agreement(world.network, "Zonder maker", owner_organisation=world.team, due_on=now)
    stepped_down = make_user("oud@wijk.test")
    agreement(world.network, "Van een oud-coördinator", owner_organisation=world.school,
              due_on=now, created_by=stepped_down)  # fmt: skip
    assert send_reminders(days=3, today=now) == 2
    emails = sent()
    assert sorted(emails) == sorted([world.coordinator.email, second.email])
    for text in emails.values():
        assert "Zonder maker" in text and "Van een oud-coördinator" in text
        assert "Voor het team" not in text  # reminded today already
    assert orphan.created_by is None


@pytest.mark.django_db
def test_an_inactive_owner_gets_no_reminder(world):
    now = today()
    world.ib.is_active = False
    world.ib.save()
    agreement(world.network, "Van Inge", owner_user=world.ib, due_on=now)
    assert send_reminders(days=3, today=now) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_reminders_cost_the_same_queries_for_few_and_many(world, django_assert_num_queries):
    now = today()
    NetworkAgreement.objects.bulk_create(
        NetworkAgreement(network=world.network, what=f"Afspraak {n}", due_on=now,
                         owner_user=world.ib if n % 2 else None,
                         owner_organisation=None if n % 2 else world.team,
                         created_by=world.coordinator)
        for n in range(60)
    )  # fmt: skip
    # Find a batch, claim it, load it, its coordinators; then find: no more.
    with django_assert_num_queries(5):
        assert send_reminders(days=3, today=now) == 60
    emails = sent()
    assert sorted(text.count(" moet klaar zijn op ") for text in emails.values()) == [30, 30]
    with django_assert_num_queries(1):
        assert send_reminders(days=3, today=now) == 0


@pytest.mark.django_db
def test_two_runs_at_once_never_remind_twice(world):
    made = agreement(world.network, "Eén keer", owner_user=world.ib, due_on=today())
    assert _claim([made.pk], today()) == {made.pk}
    assert _claim([made.pk], today()) == set()


@pytest.mark.django_db
def test_the_daily_command_sends_them(world):
    assert "network_agreements" in reminder_jobs()
    agreement(world.network, "Via het commando", owner_user=world.coach, due_on=today())
    call_command("send_reminders", "--days", "3")
    assert any("Via het commando" in m.body for m in mail.outbox if m.to == [world.coach.email])
