"""The demo meeting on the example family: notes, factors and agreements to follow up."""

from datetime import timedelta

from django.utils import timezone

from rondom.cases.models import Case
from rondom.meetings.models import Agreement, Attendance, Factor, Meeting, Step, StepNote

from .cases import PAPER_CASE


def add_paper_meeting(users) -> None:
    """A meeting on the example family, with notes, factors and agreements to follow up."""
    case = Case.objects.get(title=PAPER_CASE, created_by=users["ib"])
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        case=case, held_on=today - timedelta(days=21), goal="decide_help",
        next_meeting_on=today + timedelta(days=35), filed_in="leerlingdossier; dossier jeugdteam",
        created_by=users["ib"],
    )  # fmt: skip
    people = {p.role: p for p in case.participants.all()}
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, participant=p) for p in case.participants.all()
    )
    notes = {
        Step.CHECK: "Tijdlijn compleet; de covid-periode nog dateren.",
        Step.STANDS_OUT: "Moeder ziet vooral de thuissituatie, school vooral de leerachterstand.",
        Step.HELP: "De training hielp; opvoedondersteuning kwam laat op gang.",
        Step.COLLABORATION: "Moeder wil eerder horen als er zorgen zijn.",
        Step.NEXT: "Zie de afsprakenkaart.",
    }
    StepNote.objects.bulk_create(
        StepNote(meeting=meeting, step=step, text=text) for step, text in notes.items()
    )
    Factor.objects.create(meeting=meeting, kind="helping", text="Oma woont dichtbij")
    Factor.objects.create(meeting=meeting, kind="hindering", text="Wachtlijst jeugd-GGZ")
    for what, who, days, status in (
        ("Gesprek met moeder over huiswerk", "school", -7, "done"),
        ("Aanmelden bij de jeugd-GGZ", "youth_care", -3, "open"),
        ("Terugkoppeling leerkracht aan moeder", "school", 14, "open"),
    ):
        Agreement.objects.create(
            case=case, meeting=meeting, what=what, owner=people[who],
            due_on=today + timedelta(days=days), status=status,
        )  # fmt: skip
