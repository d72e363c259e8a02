"""Roster files: reading an upload into rows for `import_roster`, and the blank templates."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tutela.lib.tabular import TableRow, read_table, write_csv, write_xlsx
from tutela.nominations.actions import ROSTER_COLUMNS, ROSTER_OPTIONAL_COLUMNS
from tutela.partners.models import Partner, Unit

HEADER = [*ROSTER_COLUMNS, *ROSTER_OPTIONAL_COLUMNS]


def read_roster(upload: Any) -> list[TableRow]:
    """The rows of an uploaded roster (.xlsx or .csv). Raises tabular.TableError."""
    return read_table(upload, required=ROSTER_COLUMNS, optional=ROSTER_OPTIONAL_COLUMNS)


def column_notes() -> list[tuple[str, str, str]]:
    """(column, required?, what to write) for the template's notes and the upload page."""
    yes, no = _("required"), _("optional")
    return [
        ("full_name", yes, _("Full name in the officer's own script (any script).")),
        ("name_latin", yes, _("The same name in Latin letters, as in the passport.")),
        ("birth_date", yes, _("YYYY-MM-DD, or a date cell in the spreadsheet.")),
        ("gender", yes, _("F (female), M (male) or X (other / not stated).")),
        ("nationality", yes, _("ISO country code: two letters (KE) or three (KEN).")),
        ("rank", yes, _("The officer's rank.")),
        ("agency", yes, _("Name of the agency, exactly as registered for the partner.")),
        ("unit", yes, _("Name of the unit within that agency, exactly as registered.")),
        ("justification", yes, _("Why this officer should attend.")),
        ("email", no, _("The officer's email address.")),
    ]


def example_row(partner: Partner | None) -> list[Any]:
    """One example officer, with a name in Arabic script and the partner's own agency and unit
    when it has any, so the example can be overwritten rather than retyped."""
    unit = (
        Unit.objects.filter(agency__partner=partner).select_related("agency").order_by("pk").first()
        if partner is not None
        else None
    )
    agency_name = unit.agency.name if unit else "National Police Service"
    unit_name = unit.name if unit else "Community Policing Unit"
    nationality = partner.country.code if partner is not None and partner.country else "KE"
    return [
        "أمينة حسن عبد الله",
        "Amina Hassan Abdalla",
        dt.date(1986, 4, 12),
        "F",
        nationality,
        "Inspector",
        agency_name,
        unit_name,
        "Leads the community policing desk and trains station staff.",
        "",
    ]


def template_xlsx(partner: Partner | None) -> bytes:
    notes = [(_("column"), _("required"), _("what to write")), *column_notes()]
    return write_xlsx(HEADER, [example_row(partner)], title="Roster", notes=notes)


def template_csv(partner: Partner | None) -> bytes:
    return write_csv(HEADER, [example_row(partner)])
