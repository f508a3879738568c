"""Every email says who sends it and links to the site's own address, in plain Dutch: never
the host a request came in on, such as "[127.0.0.1:8101] Aanmeldcode"."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from rondom.accounts.models import User
from rondom.cases.models import ErasureRequest, Role
from rondom.meetings.models import Agreement
from rondom.meetings.reminders import send_reminders

from .test_wording import assert_je_form

SITE = "https://rondom.voorbeeld.nl"
# The address the requests of these tests come in on; no email may show it.
HOST = "127.0.0.1:8101"
FOOTER = f"Deze e-mail komt van Rondom ({SITE})"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.SITE_NAME = "Rondom"


def on_host() -> Client:
    return Client(HTTP_HOST=HOST)


def the_email() -> mail.EmailMessage:
    """The one email sent, checked for what every email must be."""
    [message] = mail.outbox
    mail.outbox.clear()
    text = f"{message.subject}\n{message.body}"
    assert not re.search(r"\[[^\]]*\]", message.subject), message.subject
    assert "127.0.0.1" not in text and "testserver" not in text
    assert "Rondom" in message.subject
    assert SITE in message.body and FOOTER in message.body
    assert message.body.startswith("Hallo,")
    assert_je_form(text, message.subject)
    return message


@pytest.mark.django_db
def test_the_login_code_email(parent_user):
    on_host().post(reverse("account_request_login_code"), {"email": parent_user.email})
    message = the_email()
    assert message.subject == "Je inlogcode voor Rondom"
    assert "Je wilt inloggen bij Rondom met een code. Dit is je code:" in message.body
    assert f"Vul de code in op {SITE}" in message.body
    assert "Heb je geen code gevraagd? Dan kun je deze e-mail negeren." in message.body


@pytest.mark.django_db
def test_the_password_reset_email_links_to_the_site(manager):
    on_host().post(reverse("account_reset_password"), {"email": manager.email})
    message = the_email()
    assert message.subject == "Kies een nieuw wachtwoord voor Rondom"
    link = re.search(rf"{SITE}(/accounts/password/reset/key/\S+/)", message.body).group(1)
    assert on_host().get(link).status_code in (200, 302)  # the link works on the site


@pytest.mark.django_db
def test_an_unknown_address_is_not_invited_to_sign_up(db):
    on_host().post(reverse("account_reset_password"), {"email": "niemand@nergens.test"})
    message = the_email()
    assert message.subject == "Inloggen bij Rondom"
    assert "Er is geen account met dit adres." in message.body
    assert "Bij Rondom maak je niet zelf een account." in message.body
    assert "signup" not in message.body


def invite(client: Client, story, person, email: str) -> None:
    url = reverse("cases:participant_invite", args=[story["case"].pk, person.pk])
    assert client.post(url, {"email": email}).status_code == 302


@pytest.mark.django_db
def test_the_invitations(manager, story):
    client = on_host()
    client.force_login(manager)
    invite(client, story, story["builder"].person("Vader", Role.FATHER), "vader@thuis.test")
    parent = the_email()
    assert parent.subject == "Inge Bakker nodigt je uit voor Rondom"
    assert f"ga naar {SITE}/accounts/login/ en kies “Inloggen met een code”" in parent.body
    coach = story["builder"].person("Coach", Role.YOUTH_CARE)
    invite(client, story, coach, "coach@jeugd.test")
    professional = the_email()
    # What a new professional does next: a password, the authenticator app, then the case.
    assert "1. Kies je wachtwoord met deze link." in professional.body
    assert f"{SITE}/accounts/password/reset/key/" in professional.body
    assert "2. Stel tweestapsverificatie in" in professional.body
    assert "3. Onder Casussen vind je de casussen waaraan je bent toegevoegd." in professional.body
    assert "Inge Bakker (ib@school.test)" in professional.body
    teacher = story["builder"].person("Juf", Role.SCHOOL)
    User.objects.create_user(email="juf@school.test", password="secret-pass-1")
    invite(client, story, teacher, "juf@school.test")
    existing = the_email()
    assert f"Log in op {SITE}/accounts/login/ met dit e-mailadres, je wachtwoord" in existing.body
    for message in (parent, professional, existing):
        assert story["case"].title not in message.body and "Sam" not in message.body


@pytest.mark.django_db
def test_the_reminder_links_to_my_agreements(story):
    Agreement.objects.filter(pk=story["agreement"].pk).update(due_on=timezone.localdate())
    send_reminders(days=3)
    message = the_email()
    assert message.subject == "Een afspraak in Rondom moet binnenkort klaar zijn"
    assert "“Gesprek met de RT'er” moet klaar zijn op" in message.body
    assert f"{SITE}/agreements/" in message.body


@pytest.mark.django_db
def test_the_answer_to_a_request_to_erase(manager, story, parent_user):
    pending = ErasureRequest.objects.create(
        case_id_number=story["case"].pk, requested_by=parent_user
    )
    client = on_host()
    client.force_login(manager)
    url = reverse("cases:erasure_handle", args=[story["case"].pk, pending.pk])
    client.post(url, {"decision": "refuse", "explanation": "Het overleg loopt nog."})
    message = the_email()
    assert message.subject == "Je verzoek om gegevens in Rondom te wissen"
    assert "Je gegevens zijn nog niet gewist. De reden: Het overleg loopt nog." in message.body


@pytest.mark.django_db
def test_the_email_confirmation(manager):
    request = RequestFactory().get("/", HTTP_HOST=HOST)
    address = EmailAddress.objects.create(user=manager, email="ander@school.test")
    with context.request_context(request):
        address.send_confirmation(request)
    message = the_email()
    assert message.subject == "Bevestig je e-mailadres voor Rondom"
    assert f"{SITE}/accounts/confirm-email/" in message.body


def test_the_site_address_must_be_set_for_production(settings):
    from rondom.accounts.checks import check_site_url

    assert [w.id for w in check_site_url(None)] == []
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in check_site_url(None)] == ["rondom.W002"]
