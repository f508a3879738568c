"""The benchmark scripts are run by hand and their figures read by people. The suite checks
what they rely on that could break without anyone noticing: the names they import, the
commands and URL names they use, and the installation scale_data.py builds, which load.py
logs in to. Timings are never asserted here."""

import ast
import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import django
import pytest
from django.conf import settings as django_settings
from django.core.management import get_commands
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from .cases.test_access_policy import all_routes

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("*.py"))


def parse(script: Path) -> ast.Module:
    return ast.parse(script.read_text(encoding="utf-8"), filename=str(script))


def optional_imports(tree: ast.Module) -> set[ast.AST]:
    """Imports inside `try: ... except ImportError`: the script copes when they fail."""
    optional = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        caught = {ast.unparse(handler.type) for handler in node.handlers if handler.type}
        if caught & {"ImportError", "ModuleNotFoundError"}:
            for statement in node.body:
                optional.update(ast.walk(statement))
    return optional


def imported_names(tree: ast.Module) -> list[tuple[str, str | None, int]]:
    """(module, name or None, line) of every import the script needs."""
    optional = optional_imports(tree)
    found = []
    for node in ast.walk(tree):
        if node in optional:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found += [(node.module, alias.name, node.lineno) for alias in node.names]
    return found


def top_level_names(module: Path) -> set[str]:
    names = set()
    for node in parse(module).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def string_arguments(tree: ast.Module, function: str) -> list[tuple[str, int]]:
    """The first argument of every call of `function` that is a plain string."""
    return [
        (node.args[0].value, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == function
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_what_a_benchmark_imports_exists(script):
    missing = []
    for module, name, line in imported_names(parse(script)):
        local = BENCHMARKS / f"{module}.py"
        if local.exists():  # a helper next to the scripts, such as cards.py
            if name and name not in top_level_names(local):
                missing.append(f"line {line}: {name} from benchmarks/{local.name}")
            continue
        try:
            found = importlib.import_module(module)
            if name and not hasattr(found, name):
                importlib.import_module(f"{module}.{name}")
        except ImportError:
            missing.append(f"line {line}: {name or module} from {module}")
    assert not missing, missing


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_the_commands_and_url_names_a_benchmark_uses_exist(script):
    tree = parse(script)
    commands = get_commands()
    unknown = [f"line {n}: {name}" for name, n in string_arguments(tree, "call_command")]
    unknown = [entry for entry in unknown if entry.split(": ")[1] not in commands]
    url_names = {route.name for route in all_routes() if route.name}
    unknown += [
        f"line {n}: URL {name}"
        for name, n in string_arguments(tree, "reverse")
        if name not in url_names
    ]
    assert not unknown, unknown


def load_benchmark(name: str, monkeypatch) -> ModuleType:
    """A benchmark script as a module, in this process and on the test database."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))  # its helpers; undone after the test
    # The script sets Django up for itself; here it already is, with the test settings.
    monkeypatch.setattr(django, "setup", lambda *args, **kwargs: None)
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


# Run through main() as from the command line; on PostgreSQL it ends with VACUUM, which
# needs a connection outside a transaction.
@pytest.mark.django_db(transaction=True)
def test_scale_data_builds_a_small_installation(monkeypatch, capsys):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from rondom.accounts.models import Organisation, User
    from rondom.audit.models import AuditEvent
    from rondom.audit.verify import verify_chain
    from rondom.career.models import SchoolPeriod
    from rondom.cases.models import Case, Child, Consent, Participant
    from rondom.meetings.models import Agreement, Meeting, StepNote
    from rondom.timeline.models import Card, CardRevision

    scale = load_benchmark("scale_data", monkeypatch)
    cases, cards_per_case, log_lines = 14, 6, 300
    monkeypatch.setattr(
        sys, "argv", ["scale_data.py", "--cases", str(cases), "--log-lines", str(log_lines),
                      "--cards-per-case", str(cards_per_case)],
    )  # fmt: skip
    scale.main()
    printed = capsys.readouterr().out
    assert "log in as pro00000@scale.rondom.test" in printed

    # Organisations and professionals follow the number of cases: at least 2 and 4.
    assert Organisation.objects.count() == 2
    professionals = User.objects.filter(kind=User.Kind.PROFESSIONAL)
    assert professionals.count() == 4
    anonymous = {i for i in range(cases) if i % 7 == 3}  # the script's one in seven
    assert Case.objects.count() == cases
    assert Case.objects.filter(is_anonymous=True).count() == len(anonymous)
    assert Child.objects.count() == 2 * cases
    assert SchoolPeriod.objects.count() == 2 * cases
    assert Participant.objects.count() == 3 * cases + cases // 2  # a father in every other
    assert Consent.objects.count() == 2 * (cases - len(anonymous))
    assert Card.objects.count() == cases * cards_per_case
    assert CardRevision.objects.filter(version=1).count() == Card.objects.count()
    assert Meeting.objects.count() == 2 * cases
    assert StepNote.objects.count() == 2 * 5 * cases
    assert Agreement.objects.count() == 3 * cases
    # Every line of the access log is sealed into a chain that checks.
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 0
    assert verify_chain() == (log_lines, [])

    # What load.py logs in with: the shared password and a TOTP code it can work out.
    accounts = importlib.import_module("scale_accounts")
    for user in professionals:
        assert user.check_password(accounts.PASSWORD)
        secret = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        assert decrypt(secret.data["secret"]) == accounts.totp_secret(user.email)
    client = Client()
    email = accounts.professional_email(0)
    client.post(reverse("account_login"), {"login": email, "password": accounts.PASSWORD})
    code = accounts.totp_code(accounts.totp_secret(email))
    answer = client.post(reverse("mfa_authenticate"), {"code": code})
    assert answer.status_code == 302
    assert answer.url == resolve_url(django_settings.LOGIN_REDIRECT_URL)  # logged in

    # A second run on the same database refuses rather than adding a second dataset.
    with pytest.raises(SystemExit, match="already holds a scale dataset"):
        scale.main()
