"""Demo logins (listed in the README). Demo only: never load these on a real installation."""

from rondom.accounts.models import User

DEMO_PASSWORD = "rondom-demo"

DEMO_USERS = {
    "ib": ("ib@rondom.test", "Inge", "Bakker"),
    "mother": ("moeder@rondom.test", "Samira", "El Amrani"),
    "youth_care": ("jeugdhulp@rondom.test", "Jeroen", "Visser"),
    "teacher": ("leerkracht@rondom.test", "Lotte", "de Boer"),
    "father": ("vader@rondom.test", "Mehmet", "Öztürk"),
    "outsider": ("buiten@rondom.test", "Olga", "Buiten"),
}
DEMO_ADMIN = ("admin@rondom.test", "Ada", "Beheer")


def ensure_demo_users() -> dict[str, User]:
    users = {}
    for key, (email, first, last) in DEMO_USERS.items():
        users[key] = _ensure(email, first, last, admin=False)
    users["admin"] = _ensure(*DEMO_ADMIN, admin=True)
    return users


def _ensure(email: str, first: str, last: str, admin: bool) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": first, "last_name": last, "is_staff": admin, "is_superuser": admin},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
