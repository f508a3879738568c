"""The story behind the numbers: writing one, a concurrent edit, an agreement made of what the
partners will do, and who may see any of it."""

import logging
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from rondom.audit.models import AuditEvent
from rondom.monitor.models import Story, StoryAgreement
from rondom.networks.models import NetworkAgreement
from tests.documents.pdf_reading import all_text, read_pdf
from tests.networks.agreement_world import client_for, today

from .story_world import FROZEN_AT, MARKER, build_monitor

SECRET = "Ouders vertellen dat de wachtlijst het grootste probleem is"


@pytest.fixture
def monitor(db):
    return build_monitor()


def indicator_url(monitor, key: str = "happy") -> str:
    return reverse("monitor:indicator", args=[monitor.world.network.pk, monitor.indicators[key].pk])


def story_url(monitor, key="happy", perspective="child_parent", name="story_edit", period=2):
    args = [monitor.world.network.pk, monitor.indicators[key].pk,
            monitor.periods[period].pk, perspective]  # fmt: skip
    return reverse(f"monitor:{name}", args=args)


def hidden_version(html: str) -> str:
    [version] = re.findall(r'name="version" value="(\d*)"', html) or [""]
    return version


@pytest.mark.django_db
def test_empty_stories_invite_someone_to_write_them(monitor):
    html = client_for(monitor.world.coordinator).get(indicator_url(monitor)).content.decode()
    # Three half-years, three perspectives each: an invitation in every one, no empty boxes.
    assert html.count("mst-story--empty") == 9
    assert html.count("Vanuit dit perspectief heeft nog niemand het verhaal verteld") == 9
    assert html.count(">Verhaal schrijven<") == 9
    assert "mst-story-parts" not in html
    for words in (
        "Vanuit kind en ouder",
        "Vanuit de organisaties",
        "Vanuit het netwerk als geheel",
    ):
        assert html.count(words) == 3


@pytest.mark.django_db
def test_a_coordinator_writes_a_story_and_it_shows_beside_the_others(monitor, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for(monitor.world.coordinator)
    form = client.get(story_url(monitor))
    assert form.status_code == 200
    page = form.content.decode()
    assert "Tevreden ouders" in page and "2026 eerste helft" in page and "76" in page
    response = client.post(
        story_url(monitor),
        {"explains": SECRET, "works": "Een vast aanspreekpunt", "will_do": "",
         "version": hidden_version(page)},
    )  # fmt: skip
    assert response.status_code == 302
    anchor = f"#story-{monitor.indicators['happy'].pk}-{monitor.periods[2].pk}-child_parent"
    assert response["Location"] == indicator_url(monitor) + anchor
    story = Story.objects.get(perspective="child_parent")
    assert (story.explains, story.works, story.updated_by) == (
        SECRET, "Een vast aanspreekpunt", monitor.world.coordinator,
    )  # fmt: skip
    html = client.get(indicator_url(monitor)).content.decode()
    assert SECRET in html and "Het verhaal is opgeslagen." in html
    assert html.count("mst-story--empty") == 8
    # Without *what the partners will do* there is nothing to make an agreement of.
    assert "Maak hier een afspraak van" not in html
    # The access log says who and where, never what was written; nor does the application log.
    lines = AuditEvent.objects.filter(action__startswith="monitor:story")
    assert {line.action for line in lines} == {"monitor:story", "monitor:story_edit"}
    assert all(line.reason == f"network {monitor.world.network.pk}" for line in lines)
    assert not AuditEvent.objects.filter(action__contains="wachtlijst").exists()
    assert SECRET not in caplog.text


@pytest.mark.django_db
def test_a_concurrent_edit_is_detected_and_shown_never_written_over(monitor):
    story = Story.objects.create(
        indicator=monitor.indicators["happy"], period=monitor.periods[2],
        perspective="organisations", explains="Eerste versie",
    )  # fmt: skip
    url = story_url(monitor, perspective="organisations")
    carla = client_for(monitor.world.coordinator)
    admin = client_for(monitor.world.coach)
    monitor.world.coach.is_superuser = True
    monitor.world.coach.save()
    version = hidden_version(carla.get(url).content.decode())
    assert version == hidden_version(admin.get(url).content.decode()) == "1"

    first = admin.post(url, {"explains": "Versie van de beheerder", "version": version})
    assert first.status_code == 302
    second = carla.post(url, {"explains": "Versie van Carla", "version": version})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Iemand anders heeft dit gewijzigd terwijl jij bezig was" in html
    assert "Versie van de beheerder" in html  # what is saved now, shown
    story.refresh_from_db()
    assert (story.explains, story.version) == ("Versie van de beheerder", 2)
    # Saving again, now over the version she has seen, replaces it.
    again = carla.post(url, {"explains": "Versie van Carla", "version": hidden_version(html)})
    assert again.status_code == 302
    story.refresh_from_db()
    assert story.explains == "Versie van Carla"


@pytest.mark.django_db
def test_two_first_versions_of_the_same_story_do_not_overwrite_each_other(monitor):
    url = story_url(monitor, perspective="network")
    carla = client_for(monitor.world.coordinator)
    page = carla.get(url).content.decode()
    assert hidden_version(page) == ""  # a new story has no version yet
    # Someone else writes the first version meanwhile.
    Story.objects.create(
        indicator=monitor.indicators["happy"], period=monitor.periods[2], perspective="network",
        explains="Het netwerk schreef eerst",
    )  # fmt: skip
    response = carla.post(url, {"explains": "Carla schreef ook", "version": ""})
    assert response.status_code == 409
    assert "Het netwerk schreef eerst" in response.content.decode()
    assert Story.objects.get(perspective="network", period=monitor.periods[2]).explains == (
        "Het netwerk schreef eerst"
    )


@pytest.mark.django_db
def test_bad_input_gets_a_dutch_message(monitor):
    client = client_for(monitor.world.coordinator)
    empty = client.post(story_url(monitor), {"explains": "  ", "works": "", "will_do": ""})
    assert empty.status_code == 422
    assert "Schrijf minstens een van de drie" in empty.content.decode()
    control = client.post(story_url(monitor), {"explains": "Tekst\x07"})
    assert control.status_code == 422
    assert "onzichtbaar stuurteken" in control.content.decode()
    assert not Story.objects.filter(indicator__joint_agreement=monitor.joint).exists()
    for odd in (story_url(monitor, perspective="iedereen"),
                story_url(monitor).replace(f"/periods/{monitor.periods[2].pk}/", "/periods/"
                                           + "9" * 25 + "/")):  # fmt: skip
        assert client.get(odd).status_code == 404


@pytest.mark.django_db
def test_what_the_partners_will_do_becomes_a_network_agreement_with_its_origin(monitor):
    will_do = "De school en het jeugdteam houden elke maand een inloopspreekuur"
    story = Story.objects.create(
        indicator=monitor.indicators["happy"], period=monitor.periods[2],
        perspective="child_parent", will_do=will_do,
    )  # fmt: skip
    client = client_for(monitor.world.coordinator)
    html = client.get(indicator_url(monitor)).content.decode()
    assert "Maak hier een afspraak van" in html
    url = story_url(monitor, name="story_agreement")
    form = client.get(url)
    assert form.status_code == 200
    # The form starts from what the partners will do.
    assert re.search(r'<textarea name="what"[^>]*>\n?' + will_do + "</textarea>",
                     form.content.decode())  # fmt: skip

    due = today() + timedelta(days=30)
    made = client.post(url, {"what": "Maandelijks inloopspreekuur", "due_on": due.isoformat(),
                             "who": f"organisation-{monitor.world.team.pk}"})  # fmt: skip
    assert made.status_code == 302
    agreement = NetworkAgreement.objects.get(what="Maandelijks inloopspreekuur")
    assert (agreement.network, agreement.owner_organisation, agreement.due_on) == (
        monitor.world.network, monitor.world.team, due,
    )  # fmt: skip
    assert StoryAgreement.objects.get(agreement=agreement).story == story
    assert AuditEvent.objects.filter(
        action=f"network:agreement_add agreement {agreement.pk}",
        reason=f"network {monitor.world.network.pk}",
    ).exists()
    # The network's list of agreements says where it came from.
    origin = "Monitor: “Tevreden ouders”, 2026 eerste helft, vanuit kind en ouder"
    listing = client.get(reverse("networks:agreements", args=[monitor.world.network.pk]))
    assert origin in listing.content.decode()
    # The story shows the agreement with its status.
    html = client.get(indicator_url(monitor)).content.decode()
    assert re.search(
        r"<strong>Maandelijks inloopspreekuur</strong> — Jeugdteam Noord · open, klaar op", html
    )
    agreement.status = NetworkAgreement.Status.DONE
    agreement.save()
    html = client.get(indicator_url(monitor)).content.decode()
    assert "<strong>Maandelijks inloopspreekuur</strong> — Jeugdteam Noord · klaar" in html


@pytest.mark.django_db
def test_an_agreement_needs_a_written_story_and_a_good_form(monitor):
    client = client_for(monitor.world.coordinator)
    assert client.get(story_url(monitor, name="story_agreement")).status_code == 404
    Story.objects.create(
        indicator=monitor.indicators["happy"], period=monitor.periods[2],
        perspective="child_parent", will_do="Iets doen",
    )  # fmt: skip
    refused = client.post(story_url(monitor, name="story_agreement"),
                          {"what": "", "who": "person-999999", "due_on": "2001-01-01"})  # fmt: skip
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Schrijf op wat er gaat gebeuren." in html
    assert not NetworkAgreement.objects.filter(network=monitor.world.network).exists()


def pages(monitor) -> list[str]:
    """Every address of this part, for Wijk Test's objects."""
    network = monitor.world.network.pk
    Story.objects.create(indicator=monitor.indicators["happy"], period=monitor.periods[2],
                         perspective="child_parent", will_do="Doen")  # fmt: skip
    monitor.review.closed_at = FROZEN_AT  # so that its report exists
    monitor.review.save()
    return [
        indicator_url(monitor),
        story_url(monitor),
        story_url(monitor, name="story_agreement"),
        reverse("monitor:reviews", args=[network]),
        reverse("monitor:review", args=[network, monitor.review.pk]),
        reverse("monitor:review_report", args=[network, monitor.review.pk]),
    ]


@pytest.mark.django_db
def test_a_coordinator_of_another_network_and_a_case_worker_get_404(monitor):
    addresses = pages(monitor)
    for user in (monitor.world.other_coordinator, monitor.world.ib, monitor.world.outsider):
        client = client_for(user)
        for address in addresses:
            assert client.get(address).status_code == 404, (user, address)
            assert client.post(address, {"explains": "x", "notes": "x"}).status_code == 404
    assert not Story.objects.filter(explains="x").exists()


@pytest.mark.django_db
def test_a_planted_story_of_another_network_shows_nowhere(monitor):
    # Elders' own coordinator reads it, so the marker would show if it leaked.
    elders = client_for(monitor.world.other_coordinator)
    own = reverse("monitor:indicator", args=[monitor.world.elsewhere.pk,
                                             monitor.other_indicator.pk])  # fmt: skip
    assert MARKER in elders.get(own).content.decode()

    carla = client_for(monitor.world.coordinator)
    assert carla.get(own).status_code == 404
    stolen = reverse("monitor:indicator", args=[monitor.world.network.pk,
                                                monitor.other_indicator.pk])  # fmt: skip
    assert carla.get(stolen).status_code == 404
    for address in pages(monitor):
        response = carla.get(address)
        assert response.status_code == 200, address
        assert MARKER.encode() not in response.content
        if response["Content-Type"] == "application/pdf":
            assert MARKER not in all_text(read_pdf(response.content))
