"""Every saved change in a case announces itself to the browsers that have the case open.

Events carry ids only. Who may receive which event is for the stream to decide, per viewer.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from rondom.cases.models import Case, Consent, Participant
from rondom.meetings.models import Agreement, Factor, KeyMoment, Meeting, StepNote
from rondom.timeline.models import Card
from rondom.timeline.notes import notes_added

from .hub import publish


@receiver(post_save, sender=Card)
def card_saved(sender, instance: Card, **kwargs) -> None:
    # A private draft stays private: nobody else's page needs to know it changed.
    if not instance.is_draft:
        publish(instance.case_id, {"kind": "card", "id": instance.pk, "version": instance.version})


@receiver(notes_added)
def card_notes_added(sender, cards: list[Card], **kwargs) -> None:
    """A note on a card (the network's answer) is news to whoever may read that card."""
    for card in cards:
        if not card.is_draft:
            publish(card.case_id, {"kind": "card", "id": card.pk, "version": card.version})


@receiver(post_save, sender=StepNote)
def note_saved(sender, instance: StepNote, **kwargs) -> None:
    publish(
        instance.meeting.case_id,
        {"kind": "note", "meeting": instance.meeting_id, "step": instance.step,
         "version": instance.version},
    )  # fmt: skip


@receiver(post_save, sender=Meeting)
def meeting_saved(sender, instance: Meeting, **kwargs) -> None:
    """The next meeting's date, the dossiers, or the meeting being closed."""
    publish(instance.case_id, {"kind": "meeting", "meeting": instance.pk})


@receiver(post_save, sender=Agreement)
@receiver(post_save, sender=Factor)
@receiver(post_save, sender=KeyMoment)
@receiver(post_delete, sender=Factor)
@receiver(post_delete, sender=KeyMoment)
def meeting_item_changed(sender, instance, **kwargs) -> None:
    meeting = instance.meeting
    publish(meeting.case_id, {"kind": sender.__name__.lower(), "meeting": meeting.pk})


@receiver(post_save, sender=Consent)
@receiver(post_delete, sender=Consent)
@receiver(post_save, sender=Participant)
@receiver(post_delete, sender=Participant)
def access_changed(sender, instance, **kwargs) -> None:
    """Every open stream of the case asks the policy again; none of them passes this on."""
    publish(instance.case_id, {"kind": "access"})


@receiver(post_save, sender=Case)
def case_saved(sender, instance: Case, **kwargs) -> None:
    publish(instance.pk, {"kind": "access"})
