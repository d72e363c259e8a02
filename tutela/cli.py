"""The `tutela` console command: Django's management commands under the project's name.

`tutela migrate`, `tutela demo`, `tutela audit_verify`, `tutela db_worker` … are the same as
`python manage.py <command>`.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutela.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "tutela"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
