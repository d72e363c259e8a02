"""The nominations part of the API (/api/v1/): nominations of officers to activities, the
enrolment gate, completion and closure, and the officers themselves. Everything is scoped by
`visible_to`: a liaison sees only their own partner's officers and nominations."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import DETAIL, READ, WRITE, Id, Pagination
from tutela.activities.models import Activity
from tutela.lib.errors import ActionError
from tutela.nominations.actions import (
    OfficerData,
    close_nomination,
    complete_nomination,
    enrol_nominee,
    nominate_officer,
)
from tutela.nominations.models import (
    Nomination,
    NominationQuerySet,
    NominationStatus,
    Officer,
    OfficerQuerySet,
)
from tutela.nominations.schemas import (
    CloseIn,
    EnrolIn,
    NominationDetailOut,
    NominationIn,
    NominationOut,
    OfficerDetailOut,
    OfficerIn,
    OfficerOut,
)
from tutela.partners.api import country_by_code
from tutela.partners.models import Agency, Partner, Unit

router = Router(tags=["nominations"])

# Fields the nominate_officer action names that sit inside `officer` in the request body.
OFFICER_FIELDS = {
    "full_name",
    "name_latin",
    "birth_date",
    "gender",
    "nationality",
    "rank",
    "agency",
    "unit",
    "email",
}


def _nominations(user: User) -> NominationQuerySet:
    return Nomination.objects.visible_to(user).select_related(
        "activity", "officer", "partner", "enrolment__enrolled_by"
    )


def _nomination_detail(user: User, pk: int) -> Nomination:
    nominations = _nominations(user).select_related(
        "officer__nationality",
        "officer__partner",
        "officer__agency",
        "officer__unit",
        "nominated_by",
    )
    return get_object_or_404(nominations, pk=pk)


def _officers(user: User) -> OfficerQuerySet:
    return Officer.objects.visible_to(user).select_related(
        "nationality", "partner", "agency", "unit"
    )


# --- Nominations ----------------------------------------------------------------------------


@router.get("", response={200: list[NominationOut], **READ}, summary="Nominations you may see")
@paginate(Pagination)
def nomination_list(
    request: HttpRequest,
    status: NominationStatus | None = None,
    activity: Id | None = None,
    partner: Id | None = None,
    country: str = "",
    q: str = "",
) -> QuerySet[Nomination]:
    """Filter by status, activity id, partner id, the partner's ISO country code, and a search
    of officer names and activity codes and titles."""
    nominations = _nominations(acting_user(request)).search(q.strip())
    if status:
        nominations = nominations.filter(status=status)
    if activity:
        nominations = nominations.filter(activity_id=activity)
    if partner:
        nominations = nominations.filter(partner_id=partner)
    if country:
        nominations = nominations.filter(partner__country__code=country.upper())
    return nominations


@router.get("/officers", response={200: list[OfficerOut], **READ}, summary="Officers you may see")
@paginate(Pagination)
def officer_list(
    request: HttpRequest, partner: Id | None = None, unit: Id | None = None, q: str = ""
) -> QuerySet[Officer]:
    officers = _officers(acting_user(request)).search(q.strip())
    if partner:
        officers = officers.filter(partner_id=partner)
    if unit:
        officers = officers.filter(unit_id=unit)
    return officers


@router.get(
    "/officers/{int:officer_id}",
    response={200: OfficerDetailOut, **DETAIL},
    summary="An officer with the nominations you may see",
)
def officer_detail(request: HttpRequest, officer_id: int) -> Officer:
    user = acting_user(request)
    officers = _officers(user).prefetch_related(
        Prefetch("nominations", queryset=_nominations(user))
    )
    return get_object_or_404(officers, pk=officer_id)


@router.get(
    "/{int:nomination_id}",
    response={200: NominationDetailOut, **DETAIL},
    summary="A nomination, with the officer and the vetting gate",
)
def nomination_detail(request: HttpRequest, nomination_id: int) -> Nomination:
    return _nomination_detail(acting_user(request), nomination_id)


def _officer_data(user: User, data: OfficerIn) -> OfficerData:
    visible_agencies = Agency.objects.filter(partner__in=Partner.objects.visible_to(user))
    if data.email:
        try:
            validate_email(data.email)
        except DjangoValidationError:
            raise ActionError(_("Enter a valid email address."), field="officer.email") from None
    return OfficerData(
        full_name=data.full_name,
        name_latin=data.name_latin,
        birth_date=data.birth_date,
        gender=data.gender,
        rank=data.rank,
        email=data.email,
        nationality=country_by_code(data.nationality, field="officer.nationality"),
        agency=lookup(visible_agencies, data.agency, field="officer.agency"),
        unit=lookup(Unit.objects.visible_to(user), data.unit, field="officer.unit"),
    )


@router.post(
    "",
    response={201: NominationDetailOut, **WRITE},
    summary="Nominate an officer (registering them if new)",
)
def nomination_create(request: HttpRequest, payload: NominationIn) -> Status[Nomination]:
    user = acting_user(request)
    require(
        user.is_liaison or user.is_secretariat,
        gettext_lazy("Only partner liaisons and the secretariat nominate officers."),
    )
    activity = lookup(Activity.objects.visible_to(user), payload.activity, field="activity")
    data = _officer_data(user, payload.officer)
    if payload.partner is not None:
        partner = lookup(Partner.objects.visible_to(user), payload.partner, field="partner")
    else:
        partner = user.partner if user.is_liaison and user.partner else data.agency.partner
    try:
        nomination = nominate_officer(
            activity, data, partner=partner, justification=payload.justification, by=user
        )
    except ActionError as error:
        if error.field in OFFICER_FIELDS:
            error.field = f"officer.{error.field}"
        raise
    return Status(201, _nomination_detail(user, nomination.pk))


@router.post(
    "/{int:nomination_id}/enrol",
    response={200: NominationDetailOut, **WRITE},
    summary="Enrol a nominee through the vetting gate",
)
def nomination_enrol(request: HttpRequest, nomination_id: int, payload: EnrolIn) -> Nomination:
    """The officer and their unit must both be cleared, valid on the activity's start date.
    Only the secretariat head may override a closed gate, with `override_reason`; overrides are
    flagged to oversight."""
    user = acting_user(request)
    nomination = get_object_or_404(Nomination.objects.visible_to(user), pk=nomination_id)
    require(user.is_secretariat, gettext_lazy("Only the secretariat enrols nominees."))
    enrol_nominee(nomination, by=user, override_reason=payload.override_reason)
    return _nomination_detail(user, nomination_id)


@router.post(
    "/{int:nomination_id}/complete",
    response={200: NominationDetailOut, **WRITE},
    summary="Mark an enrolled officer as having completed the activity",
)
def nomination_complete(request: HttpRequest, nomination_id: int) -> Nomination:
    user = acting_user(request)
    nomination = get_object_or_404(Nomination.objects.visible_to(user), pk=nomination_id)
    require(
        user.is_secretariat or user.is_instructor or user.is_consultant,
        gettext_lazy("Only the activity's course director or the secretariat marks completion."),
    )
    complete_nomination(nomination, by=user)
    return _nomination_detail(user, nomination_id)


@router.post(
    "/{int:nomination_id}/withdraw",
    response={200: NominationDetailOut, **WRITE},
    summary="Withdraw a nomination, with a reason",
)
def nomination_withdraw(request: HttpRequest, nomination_id: int, payload: CloseIn) -> Nomination:
    user = acting_user(request)
    nomination = get_object_or_404(Nomination.objects.visible_to(user), pk=nomination_id)
    require(
        user.is_liaison or user.is_secretariat,
        gettext_lazy("Only the secretariat or the nominating liaison closes nominations."),
    )
    close_nomination(nomination, status=NominationStatus.WITHDRAWN, reason=payload.reason, by=user)
    return _nomination_detail(user, nomination_id)


@router.post(
    "/{int:nomination_id}/no-show",
    response={200: NominationDetailOut, **WRITE},
    summary="Mark an enrolled officer as a no-show, with a reason",
)
def nomination_no_show(request: HttpRequest, nomination_id: int, payload: CloseIn) -> Nomination:
    user = acting_user(request)
    nomination = get_object_or_404(Nomination.objects.visible_to(user), pk=nomination_id)
    require(user.is_secretariat, gettext_lazy("Only the secretariat marks no-shows."))
    close_nomination(nomination, status=NominationStatus.NO_SHOW, reason=payload.reason, by=user)
    return _nomination_detail(user, nomination_id)
