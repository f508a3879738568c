from django.urls import path

from .views import cards, merge, page

app_name = "timeline"

urlpatterns = [
    path("<int:case_id>/children/<int:child_id>/timeline/", page.child_timeline, name="child"),
    path("<int:case_id>/children/<int:child_id>/together/", merge.merge_view, name="merge"),
    path("<int:case_id>/together/link/", merge.merge_link, name="merge_link"),
    path("<int:case_id>/together/unlink/", merge.merge_unlink, name="merge_unlink"),
    path("<int:case_id>/cards/<int:card_id>/hide/", merge.merge_hide, name="merge_hide"),
    path("<int:case_id>/cards/<int:card_id>/show/", merge.merge_show, name="merge_show"),
    path("<int:case_id>/cards/new/", cards.card_create, name="card_create"),
    path("<int:case_id>/cards/restricted/", cards.restricted_cards, name="restricted_cards"),
    path("<int:case_id>/cards/share-drafts/", cards.share_my_drafts, name="share_drafts"),
    path("<int:case_id>/cards/<int:card_id>/edit/", cards.card_edit, name="card_edit"),
    path("<int:case_id>/cards/<int:card_id>/delete/", cards.card_delete, name="card_delete"),
    path("<int:case_id>/cards/<int:card_id>/restore/", cards.card_restore, name="card_restore"),
    path("<int:case_id>/cards/<int:card_id>/history/", cards.card_history, name="card_history"),
]
