"""Nominating officers, enrolling them through the vetting gate, completion and closure."""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.lib.names import clean_name, is_latin, name_key
from tutela.lib.tabular import TableRow
from tutela.nominations.models import Enrolment, Gender, Nomination, NominationStatus, Officer
from tutela.nominations.tasks import send_invitation
from tutela.partners.models import Agency, Country, Partner, Unit
from tutela.vetting.gate import check_gate
from tutela.vetting.tasks import screen_nomination


@dataclass
class OfficerData:
    full_name: str
    name_latin: str
    birth_date: dt.date
    gender: str
    nationality: Country
    rank: str
    agency: Agency
    unit: Unit
    email: str = ""


def _check_may_nominate_for(by: User, partner: Partner) -> None:
    if by.is_liaison:
        if by.partner_id != partner.pk:
            raise NotAllowed(_("Liaisons nominate only for their own country or organisation."))
    elif not by.is_secretariat:
        raise NotAllowed(_("Only partner liaisons and the secretariat nominate officers."))


def _check_officer_data(data: OfficerData, partner: Partner) -> None:
    if data.agency.partner_id != partner.pk:
        raise ActionError(
            _("The agency %(agency)s does not belong to %(partner)s.")
            % {"agency": data.agency, "partner": partner},
            field="agency",
        )
    if data.unit.agency_id != data.agency.pk:
        raise ActionError(
            _("The unit %(unit)s is not part of %(agency)s.")
            % {"unit": data.unit, "agency": data.agency},
            field="unit",
        )
    if data.birth_date > timezone.localdate():
        raise ActionError(_("The birth date is in the future."), field="birth_date")
    if not clean_name(data.full_name):
        raise ActionError(_("Give the officer's full name."), field="full_name")
    if not clean_name(data.name_latin):
        raise ActionError(_("Give the name in Latin script."), field="name_latin")


def _check_activity_open(activity: Activity, partner: Partner) -> None:
    if activity.status != ActivityStatus.OPEN:
        raise GateClosed(
            _("%(activity)s is not open for nominations (status: %(status)s).")
            % {"activity": activity.code, "status": activity.get_status_display()}
        )
    allocations = list(activity.seat_allocations.all())
    if allocations and not any(a.partner_id == partner.pk and a.seats > 0 for a in allocations):
        raise GateClosed(
            _("%(partner)s has no seats allocated on %(activity)s.")
            % {"partner": partner, "activity": activity.code}
        )


def find_or_register_officer(data: OfficerData, partner: Partner, *, by: User) -> Officer:
    """The same person (same name and birth date) is one officer, whoever nominates them."""
    key = name_key(data.full_name)
    officer = Officer.objects.filter(name_key=key, birth_date=data.birth_date).first()
    if officer is not None:
        if officer.partner_id != partner.pk:
            raise Conflict(
                _("An officer with this name and birth date is registered with another partner."),
                field="full_name",
            )
        return officer
    officer = Officer.objects.create(
        full_name=clean_name(data.full_name),
        name_latin=clean_name(data.name_latin),
        birth_date=data.birth_date,
        gender=data.gender,
        nationality=data.nationality,
        rank=data.rank.strip(),
        partner=partner,
        agency=data.agency,
        unit=data.unit,
        email=data.email.strip(),
    )
    record_event(by, "officer.registered", officer, {"partner": partner.pk, "unit": data.unit.pk})
    return officer


@transaction.atomic
def nominate_officer(
    activity: Activity, data: OfficerData, *, partner: Partner, justification: str, by: User
) -> Nomination:
    """Nominate one officer (registering them if new) for an activity open to nominations."""
    _check_may_nominate_for(by, partner)
    _check_officer_data(data, partner)
    _check_activity_open(activity, partner)
    if not justification.strip():
        raise ActionError(_("Say why this officer should attend."), field="justification")
    officer = find_or_register_officer(data, partner, by=by)
    if Nomination.objects.filter(activity=activity, officer=officer).exists():
        raise Conflict(
            _("%(officer)s is already nominated for %(activity)s.")
            % {"officer": officer, "activity": activity.code},
            field="full_name",
        )
    nomination = Nomination.objects.create(
        activity=activity,
        officer=officer,
        partner=partner,
        nominated_by=by,
        justification=justification.strip(),
    )
    record_event(
        by,
        "nomination.created",
        nomination,
        {"activity": activity.pk, "officer": officer.pk, "partner": partner.pk},
    )
    transaction.on_commit(lambda: screen_nomination.enqueue(nomination_id=nomination.pk))
    return nomination


def _locked(nomination: Nomination) -> Nomination:
    """Re-read the nomination under a row lock, so state checks see the committed state."""
    return (
        Nomination.objects.select_for_update()
        .select_related("activity", "officer__unit", "partner")
        .get(pk=nomination.pk)
    )


def _next_invitation_number(year: int) -> str:
    prefix = f"INV-{year}-"
    last = Enrolment.objects.filter(invitation_number__startswith=prefix).aggregate(
        m=Max("invitation_number")
    )["m"]
    number = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{number:06d}"


def seats_left(activity: Activity, partner: Partner) -> int | None:
    """Seats the partner may still fill, or None when the activity has no allocation yet."""
    allocation = activity.seat_allocations.filter(partner=partner).first()
    taken = Nomination.objects.filter(activity=activity, partner=partner).enrolled().count()
    if allocation is None:
        if activity.seat_allocations.exists():
            return 0
        return None
    return allocation.seats - taken


@transaction.atomic
def enrol_nominee(nomination: Nomination, *, by: User, override_reason: str = "") -> Enrolment:
    """Enrol a nominee. The officer and their unit must both be cleared, valid on the activity's
    start date. Only the secretariat head may override, with a written reason; overrides are
    flagged to oversight."""
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat enrols nominees."))
    passed, nomination = nomination, _locked(nomination)
    if nomination.status != NominationStatus.NOMINATED:
        raise Conflict(
            _("Only a nomination awaiting enrolment can be enrolled (status: %(s)s).")
            % {"s": nomination.get_status_display()}
        )
    activity = nomination.activity
    if activity.status not in {ActivityStatus.OPEN, ActivityStatus.RUNNING}:
        raise GateClosed(
            _("%(activity)s is %(status)s; enrolment is closed.")
            % {"activity": activity.code, "status": activity.get_status_display()}
        )
    left = seats_left(activity, nomination.partner)
    if left is not None and left <= 0:
        raise GateClosed(
            _("%(partner)s has no seats left on %(activity)s.")
            % {"partner": nomination.partner, "activity": activity.code}
        )
    if activity.nominations.enrolled().count() >= activity.capacity:
        raise GateClosed(
            _("%(activity)s is full (%(n)s seats).")
            % {"activity": activity.code, "n": activity.capacity}
        )
    report = check_gate(nomination.officer, activity.starts_on)
    override_reason = override_reason.strip()
    if not report.is_open:
        if not override_reason:
            raise GateClosed(" ".join(report.missing))
        if not by.is_secretariat_head:
            raise NotAllowed(_("Only the secretariat head may override the vetting gate."))
    elif override_reason:
        override_reason = ""  # nothing to override: the gate is open
    enrolment = Enrolment.objects.create(
        nomination=nomination,
        enrolled_by=by,
        is_override=bool(override_reason),
        override_reason=override_reason,
        gate_report=report.as_dict(),
        invitation_number=_next_invitation_number(activity.starts_on.year),
    )
    nomination.status = NominationStatus.ENROLLED
    nomination.save(update_fields=["status"])
    passed.status = nomination.status
    verb = "enrolment.override" if enrolment.is_override else "enrolment.created"
    record_event(
        by,
        verb,
        enrolment,
        {
            "nomination": nomination.pk,
            "gate": report.as_dict(),
            "reason": override_reason,
        },
    )
    transaction.on_commit(lambda: send_invitation.enqueue(enrolment_id=enrolment.pk))
    return enrolment


@transaction.atomic
def complete_nomination(nomination: Nomination, *, by: User) -> Nomination:
    """The course director (or the secretariat) marks an enrolled officer as having completed."""
    nomination = _locked(nomination)
    activity = nomination.activity
    is_director = activity.director_id == by.pk or activity.staff.filter(pk=by.pk).exists()
    if not (by.is_secretariat or ((by.is_instructor or by.is_consultant) and is_director)):
        raise NotAllowed(
            _("Only the activity's course director or the secretariat marks completion.")
        )
    if nomination.status != NominationStatus.ENROLLED:
        raise Conflict(
            _("Only an enrolled officer can complete (status: %(s)s).")
            % {"s": nomination.get_status_display()}
        )
    if activity.status not in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}:
        raise Conflict(_("%(activity)s has not started running yet.") % {"activity": activity.code})
    nomination.status = NominationStatus.COMPLETED
    nomination.completed_at = timezone.now()
    nomination.completed_by = by
    nomination.save(update_fields=["status", "completed_at", "completed_by"])
    record_event(by, "nomination.completed", nomination, {"activity": activity.pk})
    return nomination


@transaction.atomic
def close_nomination(nomination: Nomination, *, status: str, reason: str, by: User) -> Nomination:
    """Withdraw a nomination, or mark an enrolled officer as a no-show."""
    nomination = _locked(nomination)
    if status not in {NominationStatus.WITHDRAWN, NominationStatus.NO_SHOW}:
        raise ActionError(_("A nomination closes as withdrawn or no-show."), field="status")
    if by.is_liaison:
        if by.partner_id != nomination.partner_id or status != NominationStatus.WITHDRAWN:
            raise NotAllowed(_("Liaisons may withdraw only their own partner's nominations."))
    elif not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat or the nominating liaison closes nominations."))
    allowed_from = {
        NominationStatus.WITHDRAWN: {NominationStatus.NOMINATED, NominationStatus.ENROLLED},
        NominationStatus.NO_SHOW: {NominationStatus.ENROLLED},
    }[NominationStatus(status)]
    if nomination.status not in allowed_from:
        raise Conflict(
            _("This nomination cannot be marked %(new)s from %(old)s.")
            % {"new": NominationStatus(status).label, "old": nomination.get_status_display()}
        )
    if not reason.strip():
        raise ActionError(_("Give a reason."), field="reason")
    nomination.status = status
    nomination.closed_reason = reason.strip()
    nomination.save(update_fields=["status", "closed_reason"])
    record_event(by, f"nomination.{status}", nomination, {"reason": reason.strip()})
    return nomination


# --- Reads shared by the nomination form, the roster upload and the API ---------------------


def activities_open_to(partner: Partner) -> QuerySet[Activity]:
    """Activities open for nominations on which `partner` may nominate: those with no seat
    allocation yet, or with seats allocated to this partner (the rule of _check_activity_open)."""
    return (
        Activity.objects.open_for_nominations()
        .filter(
            Q(seat_allocations__isnull=True)
            | Q(seat_allocations__partner=partner, seat_allocations__seats__gt=0)
        )
        .distinct()
    )


# --- Roster import: many officers at once, all or nothing -----------------------------------

ROSTER_COLUMNS = (
    "full_name",
    "name_latin",
    "birth_date",
    "gender",
    "nationality",
    "rank",
    "agency",
    "unit",
    "justification",
)
ROSTER_OPTIONAL_COLUMNS = ("email",)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MAX_LENGTHS = {"full_name": 200, "name_latin": 200, "rank": 100, "email": 254}


@dataclass(frozen=True)
class RowError:
    row: int  # as numbered in the spreadsheet (header = 1)
    column: str
    reason: str


class RosterInvalid(ActionError):
    """The roster has errors; nothing was imported. `errors` lists every one of them."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            ngettext(
                "The roster has %(n)d error; nothing was imported.",
                "The roster has %(n)d errors; nothing was imported.",
                len(errors),
            )
            % {"n": len(errors)},
            field="file",
        )
        self.errors = errors


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _cell_date(value: object) -> dt.date:
    """A date from a roster cell: an Excel date (typed cell or serial number) or YYYY-MM-DD text.
    Raises ValueError with the reason to show."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial day numbers, 1900-01-01 to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(_("%(value)s is not a date.") % {"value": value})
    text = _cell_text(value)
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(
        _("“%(value)s” is not a date; write it as YYYY-MM-DD (for example 1985-03-14).")
        % {"value": text}
    )


@dataclass
class _RosterLookups:
    partner: Partner
    countries: dict[str, Country]
    agencies: dict[str, Agency]
    units: dict[tuple[int, str], list[Unit]]

    @classmethod
    def load(cls, partner: Partner) -> "_RosterLookups":
        countries: dict[str, Country] = {}
        for country in Country.objects.all():
            countries[country.code.upper()] = country
            if country.alpha3:
                countries.setdefault(country.alpha3.upper(), country)
        agencies = {name_key(a.name): a for a in Agency.objects.filter(partner=partner)}
        units: dict[tuple[int, str], list[Unit]] = {}
        for unit in Unit.objects.filter(agency__partner=partner):
            units.setdefault((unit.agency_id, name_key(unit.name)), []).append(unit)
        return cls(partner, countries, agencies, units)


def _validate_roster_row(
    row: TableRow, lookups: _RosterLookups, errors: list[RowError]
) -> tuple[OfficerData, str] | None:
    """Check one row's cells; append every problem to `errors`; return the data if it is clean."""
    before = len(errors)

    def fail(column: str, reason: str) -> None:
        errors.append(RowError(row.number, column, reason))

    text = {
        column: _cell_text(row.get(column))
        for column in (
            "full_name",
            "name_latin",
            "gender",
            "nationality",
            "rank",
            "agency",
            "unit",
            "justification",
            "email",
        )
    }
    for column in ROSTER_COLUMNS:
        if column != "birth_date" and not text[column]:
            fail(column, _("This cell is empty."))
    for column, limit in _MAX_LENGTHS.items():
        if len(text[column]) > limit:
            fail(column, _("Too long: at most %(n)d characters.") % {"n": limit})
    if text["name_latin"] and not is_latin(text["name_latin"]):
        fail("name_latin", _("Write this name in Latin letters."))

    birth_date: dt.date | None = None
    if _cell_text(row.get("birth_date")) == "":
        fail("birth_date", _("This cell is empty."))
    else:
        try:
            birth_date = _cell_date(row.get("birth_date"))
        except ValueError as exc:
            fail("birth_date", str(exc))
        else:
            if birth_date > timezone.localdate():
                fail("birth_date", _("The birth date is in the future."))

    gender = text["gender"].upper()
    if gender and gender not in Gender.values:
        fail(
            "gender",
            _("“%(value)s” is not a gender code; use %(codes)s.")
            % {"value": text["gender"], "codes": ", ".join(Gender.values)},
        )

    nationality = lookups.countries.get(text["nationality"].upper())
    if text["nationality"] and nationality is None:
        fail(
            "nationality",
            _("“%(value)s” is not an ISO country code (for example KE or KEN).")
            % {"value": text["nationality"]},
        )

    agency = lookups.agencies.get(name_key(text["agency"]))
    unit: Unit | None = None
    if text["agency"] and agency is None:
        fail(
            "agency",
            _("No agency called “%(value)s” is registered for %(partner)s.")
            % {"value": text["agency"], "partner": lookups.partner.name},
        )
    elif agency is not None and text["unit"]:
        matches = lookups.units.get((agency.pk, name_key(text["unit"])), [])
        if not matches:
            fail(
                "unit",
                _("%(agency)s has no unit called “%(value)s”.")
                % {"agency": agency.name, "value": text["unit"]},
            )
        elif len(matches) > 1:
            fail(
                "unit",
                _(
                    "%(agency)s has several units called “%(value)s”; nominate this "
                    "officer with the form instead."
                )
                % {"agency": agency.name, "value": text["unit"]},
            )
        else:
            unit = matches[0]

    if text["email"]:
        try:
            validate_email(text["email"])
        except ValidationError:
            fail("email", _("“%(value)s” is not an email address.") % {"value": text["email"]})

    if len(errors) > before:
        return None
    assert birth_date is not None and nationality is not None and agency is not None
    assert unit is not None
    data = OfficerData(
        full_name=text["full_name"],
        name_latin=text["name_latin"],
        birth_date=birth_date,
        gender=gender,
        nationality=nationality,
        rank=text["rank"],
        agency=agency,
        unit=unit,
        email=text["email"],
    )
    return data, text["justification"]


@transaction.atomic
def import_roster(
    activity: Activity, rows: Sequence[TableRow], *, partner: Partner, by: User
) -> list[Nomination]:
    """Nominate every officer of a roster, or none: every row is checked first, and if any cell
    is wrong, RosterInvalid lists all the errors (row, column, reason) and nothing is written."""
    _check_may_nominate_for(by, partner)
    _check_activity_open(activity, partner)
    if not rows:
        raise ActionError(_("The roster has no rows."), field="file")

    lookups = _RosterLookups.load(partner)
    errors: list[RowError] = []
    clean: list[tuple[TableRow, OfficerData, str]] = []
    first_seen: dict[tuple[str, dt.date], int] = {}
    for row in rows:
        checked = _validate_roster_row(row, lookups, errors)
        if checked is None:
            continue
        data, justification = checked
        key = (name_key(data.full_name), data.birth_date)
        if key in first_seen:
            errors.append(
                RowError(
                    row.number,
                    "full_name",
                    _("The same officer (same name and birth date) is in row %(row)d.")
                    % {"row": first_seen[key]},
                )
            )
            continue
        first_seen[key] = row.number
        clean.append((row, data, justification))

    known = {
        (o.name_key, o.birth_date): o
        for o in Officer.objects.filter(name_key__in={key for key, _day in first_seen})
    }
    already = set(
        Nomination.objects.filter(activity=activity, officer__in=known.values()).values_list(
            "officer_id", flat=True
        )
    )
    for row, data, _justification in clean:
        officer = known.get((name_key(data.full_name), data.birth_date))
        if officer is None:
            continue
        if officer.partner_id != partner.pk:
            errors.append(
                RowError(
                    row.number,
                    "full_name",
                    _(
                        "An officer with this name and birth date is registered "
                        "with another partner."
                    ),
                )
            )
        elif officer.pk in already:
            errors.append(
                RowError(
                    row.number,
                    "full_name",
                    _("Already nominated for %(activity)s.") % {"activity": activity.code},
                )
            )
    if errors:
        raise RosterInvalid(
            sorted(
                errors,
                key=lambda e: (
                    e.row,
                    ROSTER_COLUMNS.index(e.column) if e.column in ROSTER_COLUMNS else 99,
                ),
            )
        )

    nominations = []
    for row, data, justification in clean:
        try:
            nominations.append(
                nominate_officer(
                    activity, data, partner=partner, justification=justification, by=by
                )
            )
        except ActionError as exc:  # a rule checked only by nominate_officer: still all or nothing
            raise RosterInvalid([RowError(row.number, exc.field or "", exc.message)]) from exc
    record_event(
        by,
        "roster.imported",
        activity,
        {"partner": partner.pk, "rows": len(rows), "nominations": [n.pk for n in nominations]},
    )
    return nominations
