"""The main pages of Rondom per demo role: what each of them can reach from the menu and the
case page. The phone reflow test and the accessibility test both walk this list.

It asks the access policy which cases a role may open and what it may do there, so the list
follows the policy instead of repeating it. It reads the database, so call it in a test with
the demo loaded (`call_command("demo")`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core import mail
from django.urls import reverse

from rondom.accounts.models import Organisation, User
from rondom.cases.access import Scope, access_for, cases_for, may_start_case
from rondom.demo.cases import DEMO_CASES
from rondom.meetings.models import Meeting
from rondom.monitor.models import Indicator
from rondom.networks.access import networks_for
from rondom.scan.answering import open_invitations
from rondom.scan.models import Round
from rondom.timeline.access import may_edit_card, visible_cards

from .conftest import current_code

PROFESSIONALS = (
    "ib@rondom.test",
    "jeugdhulp@rondom.test",
    "leerkracht@rondom.test",
    "buiten@rondom.test",
    "coordinator@rondom.test",
    "admin@rondom.test",
)
PARENTS = ("moeder@rondom.test", "vader@rondom.test")
ROLES = PROFESSIONALS[:1] + PARENTS[:1] + PROFESSIONALS[1:3] + PARENTS[1:] + PROFESSIONALS[3:]


@dataclass(frozen=True)
class MainPage:
    name: str  # what the page is, for a failure message
    path: str


def logged_out_pages() -> list[MainPage]:
    return [
        MainPage("login", reverse("account_login")),
        MainPage("login with a code", reverse("account_request_login_code")),
        MainPage("password reset", reverse("account_reset_password")),
        MainPage("about", reverse("about")),
    ]


def log_in_as(
    page, base_url: str, email: str, on_page: Callable[[str], None] = lambda name: None
) -> None:
    """Log in the way this account does: a parent with a code from the email, a professional
    with the demo password and the code of the authenticator app. `on_page` is called with
    the name of each page on the way, once it has loaded."""
    from rondom.demo.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET

    page.goto(f"{base_url}{reverse('account_login')}")
    on_page("login")
    if email in PARENTS:
        page.locator("main").get_by_role("link", name="Inloggen met een code").click()
        page.wait_for_url(f"{base_url}{reverse('account_request_login_code')}")
        on_page("login with a code")
        page.get_by_label("E-mail").fill(email)
        page.locator("main button[type=submit]").first.click()
        page.wait_for_url(re.compile(r".*/accounts/login/code/confirm/"))
        on_page("login: type the code")
        body = mail.outbox[-1].body
        code = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", body, re.M).group(1)
        page.locator("input[name=code]").fill(code)
    else:
        page.fill("#id_login", email)
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()
        page.wait_for_url(f"{base_url}/accounts/2fa/authenticate/")
        on_page("login: two-factor code")
        page.fill("input[name=code]", current_code(DEMO_TOTP_SECRET))
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base_url}{reverse('caseload:cases')}")


def pages_for(email: str) -> list[MainPage]:
    """Every main page this demo account can open, each answering 200."""
    user = User.objects.get(email=email)
    pages = [
        MainPage("case list", reverse("caseload:cases")),
        MainPage("my agreements", reverse("caseload:my_agreements")),
        MainPage("paper", reverse("documents:blank_sheets")),
        MainPage("about", reverse("about")),
        MainPage("account: email", reverse("account_email")),
    ]
    if user.kind == User.Kind.PROFESSIONAL:
        pages += [
            MainPage("overview", reverse("caseload:overview")),
            MainPage("figures of my cases", reverse("insights:own")),
            MainPage("organisations", reverse("organisations:list")),
            MainPage("account: password", reverse("account_change_password")),
            MainPage("account: two-factor", reverse("mfa_index")),
        ]
        organisation = _organisations(user).first()
        if organisation:
            pages.append(
                MainPage("organisation", reverse("organisations:detail", args=[organisation.pk]))
            )
    if may_start_case(user):
        pages.append(MainPage("new case", reverse("cases:create")))
    if user.is_superuser:
        pages.append(MainPage("site admin", reverse("admin:index")))
    pages += _network_pages(user)
    pages += _answering_pages(user)

    # The demo's generated cases are many and alike; the demo cases show every kind of page.
    cases = list(cases_for(user).filter(title__in=DEMO_CASES).order_by("title"))
    for case in cases:
        access = access_for(user, case)
        pages.append(
            MainPage(f"case page of {case.title}", reverse("cases:detail", args=[case.pk]))
        )
        if access.sees_content:
            for child in case.children.order_by("pk"):
                pages.append(
                    MainPage(
                        f"timeline of {child.name}",
                        reverse("timeline:child", args=[case.pk, child.pk]),
                    )
                )
    full = _case_to_walk(user, cases)
    if full is not None:
        pages += _case_pages(user, full)
    return pages


def _network_pages(user) -> list[MainPage]:
    networks = list(networks_for(user).order_by("pk"))
    pages = [MainPage("networks", reverse("networks:list"))] if networks else []
    for network in networks:
        pages += [
            MainPage(f"network {network.name}", reverse("networks:detail", args=[network.pk])),
            MainPage(f"figures of {network.name}", reverse("insights:network", args=[network.pk])),
        ]
        member = network.members.order_by("pk").first()
        if member is not None:
            pages.append(
                MainPage(
                    f"remove a member of {network.name}",
                    reverse("networks:member_remove", args=[network.pk, member.pk]),
                )
            )
        pages += _scan_pages(network) + _monitor_pages(network)
    return pages


def _scan_pages(network) -> list[MainPage]:
    """A coordinator's scan: the rounds, the open round, the results of the latest closed
    round (in the demo it has an earlier round to compare with), and the agreements."""
    name = network.name
    pages = [
        MainPage(f"scan rounds of {name}", reverse("scan:rounds", args=[network.pk])),
        MainPage(f"agreements of {name}", reverse("networks:agreements", args=[network.pk])),
    ]
    rounds = list(Round.objects.filter(network=network).order_by("-closes_on", "-pk"))
    opened = next((round for round in rounds if round.is_open()), None)
    if opened is not None:
        pages.append(
            MainPage(
                f"open scan round of {name}",
                reverse("scan:round", args=[network.pk, opened.pk]),
            )
        )
    closed = next((round for round in rounds if round.has_closed()), None)
    if closed is not None:
        pages.append(
            MainPage(
                f"results of a closed scan round of {name}",
                reverse("scan:results", args=[network.pk, closed.pk]),
            )
        )
    return pages


def _monitor_pages(network) -> list[MainPage]:
    """A coordinator's monitor: the joint agreements, an indicator with its trend and stories,
    the review meetings and one of them, the signals and a theme."""
    name, args = network.name, [network.pk]
    pages = [
        MainPage(f"monitor of {name}", reverse("monitor:overview", args=args)),
        MainPage(f"review meetings of {name}", reverse("monitor:reviews", args=args)),
        MainPage(f"signals of {name}", reverse("monitor:signals", args=args)),
    ]
    indicator = Indicator.objects.filter(joint_agreement__network=network).order_by("pk").first()
    if indicator is not None:
        pages.append(
            MainPage(
                f"an indicator of {name}",
                reverse("monitor:indicator", args=[*args, indicator.pk]),
            )
        )
    review = network.reviews.order_by("-held_on").first()
    if review is not None:
        pages.append(
            MainPage(
                f"a review meeting of {name}", reverse("monitor:review", args=[*args, review.pk])
            )
        )
    theme = network.signal_themes.order_by("pk").first()
    if theme is not None:
        pages.append(
            MainPage(f"a signal theme of {name}", reverse("monitor:theme", args=[*args, theme.pk]))
        )
    return pages


def _answering_pages(user) -> list[MainPage]:
    """Someone invited to an open round: their scans, and the first screen of one."""
    invitation = open_invitations(user).order_by("round__closes_on", "pk").first()
    if invitation is None:
        return []
    return [
        MainPage("my scans", reverse("scan:mine")),
        MainPage(
            "first screen of the scan",
            reverse("scan:answer_step", args=[invitation.round_id, 1]),
        ),
    ]


def _organisations(user):
    if user.is_superuser:
        return Organisation.objects.order_by("pk")
    return Organisation.objects.filter(memberships__user=user).order_by("pk")


def _case_to_walk(user, cases):
    """The case whose every page this role visits: one with a meeting it may open, if any."""
    with_content = [case for case in cases if access_for(user, case).sees_content]
    for case in with_content:
        if access_for(user, case).may(Scope.MEETINGS) and case.meetings.exists():
            return case
    return (with_content or cases or [None])[0]


def _case_pages(user, case) -> list[MainPage]:
    access = access_for(user, case)
    title = case.title
    pages = [MainPage(f"consent of {title}", reverse("cases:consent", args=[case.pk]))]
    if access.is_parent or access.is_case_manager:
        pages.append(
            MainPage(f"access log of {title}", reverse("privacy:access_log", args=[case.pk]))
        )
    if access.is_case_manager:
        person = case.participants.order_by("pk").first()
        pages += [
            MainPage(f"rename {title}", reverse("cases:edit", args=[case.pk])),
            MainPage(
                f"add a person to {title}", reverse("cases:participant_create", args=[case.pk])
            ),
            MainPage(
                f"edit a person of {title}",
                reverse("cases:participant_edit", args=[case.pk, person.pk]),
            ),
            MainPage(f"add a child to {title}", reverse("cases:child_create", args=[case.pk])),
            MainPage(f"close {title}", reverse("cases:close", args=[case.pk])),
        ]
    if not access.sees_content:
        return pages
    child = case.children.order_by("pk").first()
    cards = visible_cards(access).order_by("pk")
    pages += [
        MainPage(
            f"school career of {child.name}", reverse("career:career", args=[case.pk, child.pk])
        ),
        MainPage(
            f"new school period of {child.name}",
            reverse("career:period_create", args=[case.pk, child.pk]),
        ),
        MainPage(
            f"perspectives together of {child.name}",
            reverse("timeline:merge", args=[case.pk, child.pk]),
        ),
        MainPage(
            f"new card for {child.name}",
            reverse("timeline:card_create", args=[case.pk]) + f"?kind=help&child={child.pk}",
        ),
        MainPage(f"questions for help in {title}", reverse("help:questions", args=[case.pk])),
        MainPage(
            f"new question for help in {title}", reverse("help:question_create", args=[case.pk])
        ),
    ]
    card = cards.first()
    if card is not None:
        pages.append(
            MainPage(
                f"card history in {title}",
                reverse("timeline:card_history", args=[case.pk, card.pk]),
            )
        )
    editable = next((card for card in cards if may_edit_card(access, card)), None)
    if editable is not None:
        pages.append(
            MainPage(
                f"card form in {title}",
                reverse("timeline:card_edit", args=[case.pk, editable.pk]) + f"?child={child.pk}",
            )
        )
    if access.is_case_manager:
        pages.append(
            MainPage(
                f"cards kept from the parents in {title}",
                reverse("timeline:restricted_cards", args=[case.pk]),
            )
        )
    if access.may(Scope.MEETINGS):
        pages += [
            MainPage(f"meetings of {title}", reverse("meetings:list", args=[case.pk])),
            MainPage(f"new meeting in {title}", reverse("meetings:create", args=[case.pk])),
        ]
        for meeting in Meeting.objects.filter(case=case).order_by("pk"):
            pages += [
                MainPage(
                    f"meeting of {meeting.held_on:%d-%m-%Y} in {title}",
                    reverse("meetings:detail", args=[case.pk, meeting.pk]),
                ),
                MainPage(
                    f"meeting of {meeting.held_on:%d-%m-%Y} on the board in {title}",
                    reverse("meetings:present", args=[case.pk, meeting.pk]),
                ),
            ]
    pages.append(
        MainPage(
            f"satisfaction with the help in {title}", reverse("help:satisfaction", args=[case.pk])
        )
    )
    if access.participant is not None:
        pages.append(
            MainPage(
                f"own answer about the help in {title}",
                reverse("help:satisfaction_answer", args=[case.pk]),
            )
        )
    return pages
