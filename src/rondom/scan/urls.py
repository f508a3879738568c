"""The scan's addresses: a coordinator's under the network, a respondent's under /scan/."""

from django.urls import path

from .views import agreements, respond, results, rounds

app_name = "scan"

NETWORK = "networks/<int:network_id>/scan"
ROUND = f"{NETWORK}/<int:round_id>"

urlpatterns = [
    # A coordinator's rounds.
    path(f"{NETWORK}/", rounds.round_list, name="rounds"),
    path(f"{NETWORK}/new/", rounds.round_new, name="round_new"),
    path(f"{NETWORK}/statements/", rounds.own_statements, name="own_statements"),
    path(f"{ROUND}/", rounds.round_detail, name="round"),
    path(f"{ROUND}/invite/", rounds.invite, name="invite"),
    path(f"{ROUND}/close/", rounds.round_close, name="round_close"),
    # Its results, and from a statement to a network agreement.
    path(f"{ROUND}/results/", results.results, name="results"),
    path(f"{ROUND}/results.csv", results.results_csv, name="results_csv"),
    path(f"{ROUND}/results.pdf", results.results_pdf, name="results_pdf"),
    path(f"{ROUND}/remarks/", results.remarks, name="remarks"),
    path(f"{ROUND}/remarks/<uuid:answer_id>/hide/", results.remark_hide, name="remark_hide"),
    path(
        f"{ROUND}/statements/<int:statement_id>/agreement/",
        agreements.agreement_new,
        name="agreement_new",
    ),
    # A respondent's own way in: after login, or by a personal link.
    path("scan/", respond.my_rounds, name="mine"),
    path("scan/<int:round_id>/", respond.answer, name="answer"),
    path("scan/link/<str:token>/", respond.answer_link, name="answer_link"),
    # Rounds: a respondent's screens, and saving one statement as it changes.
    path("scan/<int:round_id>/step/<int:step>/", respond.answer_step, name="answer_step"),
    path("scan/<int:round_id>/save/", respond.answer_save, name="answer_save"),
    # Rounds: a network's own statements one by one.
    path(
        f"{NETWORK}/statements/<int:statement_id>/",
        rounds.own_statement_edit,
        name="own_statement_edit",
    ),
    path(
        f"{NETWORK}/statements/<int:statement_id>/retire/",
        rounds.own_statement_retire,
        name="own_statement_retire",
    ),
]
