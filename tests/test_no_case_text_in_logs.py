"""Whatever happens to a card, its text never reaches the application log."""

import logging

import pytest
from django.urls import reverse

SECRET = "Vader drinkt en slaat soms"


@pytest.mark.django_db
def test_card_text_stays_out_of_the_logs(story, manager_client, outsider, client, caplog):
    caplog.set_level(logging.DEBUG)
    url = reverse("timeline:card_create", args=[story["case"].pk]) + "?kind=home"
    data = {"kind": "home", "author": story["school"].pk, "text": SECRET}
    manager_client.post(url, {**data, "date_text": "31-02-2020"}, HTTP_HX_REQUEST="true")
    manager_client.post(url, {**data, "date_text": "2019"}, HTTP_HX_REQUEST="true")
    client.force_login(outsider)
    client.post(url, {**data, "date_text": "2019"})  # refused: 404, logged as a warning
    manager_client.post("/api/v1/cards/", {**data, "case": "x"}, content_type="application/json")
    assert caplog.records, "the requests above should have logged something"
    assert SECRET not in caplog.text
