"""What Rondom's management commands share: their old names."""

# Commands once had hyphens in their names, and `create_token` had the framework's name.
# Each old name is a module of its own that runs the new command, so cron jobs and habits
# keep working; `rondom help` lists only the new names.
OLD_NAMES = {
    "create-token": "create_token",
    "drf_create_token": "create_token",
    "demo-code": "demo_code",
    "export-case": "export_case",
    "import-case": "import_case",
    "print-document": "print_document",
    "reseal-audit": "reseal_audit",
    "revoke-tokens": "revoke_tokens",
    "seal-audit": "seal_audit",
    "send-reminders": "send_reminders",
    "verify-audit": "verify_audit",
}
