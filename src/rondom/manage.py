"""The `rondom` console script: Django's manage.py for this project."""

import os
import sys

from django.core.management import ManagementUtility


class Utility(ManagementUtility):
    """Django's manage.py, with the old command names left out of `rondom help`.

    The old names still run (see rondom.core.commands); listed, they would look like commands
    of their own. Django has no way to leave a command out of the list, so their lines are
    taken out of the help text.
    """

    def main_help_text(self, commands_only: bool = False) -> str:
        from rondom.core.commands import OLD_NAMES

        lines = super().main_help_text(commands_only).split("\n")
        return "\n".join(line for line in lines if line.strip() not in OLD_NAMES)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rondom.settings")
    Utility(sys.argv).execute()


if __name__ == "__main__":
    main()
