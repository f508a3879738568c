"""Pages that list agreements ask the same number of queries for one agreement or for many,
also when people have set their status (who did is shown next to each)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rondom.meetings.models import Agreement, Meeting


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_agreement_lists_do_not_grow_with_the_number_of_agreements(story, manager_client, manager):
    case, meeting = story["case"], story["meeting"]
    later = Meeting.objects.create(case=case, held_on=date(2024, 6, 1), goal="inform")
    urls = [
        reverse("meetings:detail", args=[case.pk, meeting.pk]),  # this meeting's agreements
        reverse("meetings:detail", args=[case.pk, later.pk]),  # open ones from before
        reverse("caseload:my_agreements"),
        reverse("caseload:overview"),
    ]

    def add(count: int) -> None:
        Agreement.objects.bulk_create(
            Agreement(case=case, meeting=meeting, what=f"Afspraak {n}", owner=story["school"],
                      due_on=date(2024, 4, 1), status_set_by=manager, status_set_at=timezone.now())
            for n in range(count)
        )  # fmt: skip

    add(1)
    few = [queries(manager_client, url) for url in urls]
    add(20)
    many = [queries(manager_client, url) for url in urls]
    assert many == few
    page = manager_client.get(urls[0]).content.decode()
    assert page.count(f"({manager}, ") == 21  # who set the status, for each of them
