"""`rondom check --deploy` warns while the access log is sealed with a key anyone can know."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

MIN_KEY_LENGTH = 32


@register(Tags.security, deploy=True)
def audit_key_is_secret(app_configs, **kwargs) -> list[Warning]:
    key = settings.AUDIT_KEY
    if len(key) >= MIN_KEY_LENGTH and not key.startswith("insecure-"):
        return []
    return [
        Warning(
            "RONDOM_AUDIT_KEY is not set, or shorter than 32 characters: whoever can write to "
            "the database could rewrite the access log so that it still verifies.",
            hint="Set RONDOM_AUDIT_KEY to a long random value before `rondom migrate`, and "
            "keep it for as long as the log.",
            id="rondom.W001",
        )
    ]
