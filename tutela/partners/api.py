"""The partners part of the API (/api/v1/): countries, partners, their agencies and units."""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.schemas import DETAIL, READ, WRITE, Pagination
from tutela.lib.countries import regions
from tutela.lib.errors import ActionError
from tutela.partners.actions import (
    activate_agreement,
    add_agency,
    add_partner,
    add_unit,
    decide_serious_risk,
    record_assessment,
)
from tutela.partners.models import (
    Agency,
    Agreement,
    Assessment,
    AssessmentQuerySet,
    Country,
    Partner,
    PartnerKind,
    Unit,
)
from tutela.partners.schemas import (
    AgencyIn,
    AgencyOut,
    AgreementStatusOut,
    AssessmentIn,
    AssessmentOut,
    CountryOut,
    HeadDecisionIn,
    PartnerDetailOut,
    PartnerIn,
    PartnerOut,
    UnitIn,
    UnitOut,
)

router = Router(tags=["partners"])

ONLY_SECRETARIAT = gettext_lazy("Only the secretariat records partners.")


def country_by_code(code: str, *, field: str = "country") -> Country:
    """The country an ISO code in the input names; an unknown code is a 400 on that field."""
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise ActionError(_("Unknown country code %(code)s.") % {"code": code}, field=field)
    return country


def stored_region_code(code: str) -> str | None:
    """The stored M49 region code `code` names, written with or without leading zeros."""
    wanted = code.strip().lstrip("0")
    return next((c for c, _name in regions() if c.lstrip("0") == wanted), None)


@router.get(
    "/countries",
    response={200: list[CountryOut], **READ},
    summary="Countries and areas, with their UN M49 regions",
)
def country_list(request: HttpRequest, region: str = "", q: str = "") -> QuerySet[Country]:
    """`region` is a UN M49 region code (002 Africa, 019 Americas, 142 Asia, 150 Europe, 009
    Oceania); `q` matches the name or the ISO code."""
    countries = Country.objects.all()
    if region:
        countries = countries.in_region(stored_region_code(region) or region)
    if q:
        countries = countries.filter(Q(name__icontains=q) | Q(code__iexact=q))
    return countries


@router.get("", response={200: list[PartnerOut], **READ}, summary="Partners you may see")
@paginate(Pagination)
def partner_list(
    request: HttpRequest, kind: PartnerKind | None = None, q: str = ""
) -> QuerySet[Partner]:
    partners = (
        Partner.objects.visible_to(acting_user(request)).search(q.strip()).select_related("country")
    )
    if kind:
        partners = partners.filter(kind=kind)
    return partners


@router.get(
    "/{int:partner_id}",
    response={200: PartnerDetailOut, **DETAIL},
    summary="A partner with its agencies and their units",
)
def partner_detail(request: HttpRequest, partner_id: int) -> Partner:
    partners = Partner.objects.visible_to(acting_user(request)).select_related("country")
    return get_object_or_404(partners.prefetch_related("agencies__units"), pk=partner_id)


@router.post("", response={201: PartnerDetailOut, **WRITE}, summary="Record a partner")
def partner_create(request: HttpRequest, payload: PartnerIn) -> Status[Partner]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    partner = add_partner(
        by=user,
        kind=payload.kind,
        name=payload.name,
        country=country_by_code(payload.country) if payload.country else None,
        acronym=payload.acronym,
        joined_on=payload.joined_on,
        notes=payload.notes,
    )
    return Status(201, partner)


@router.post(
    "/{int:partner_id}/agencies",
    response={201: AgencyOut, **WRITE},
    summary="Add an agency to a partner",
)
def agency_create(request: HttpRequest, partner_id: int, payload: AgencyIn) -> Status[Agency]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    partner = get_object_or_404(Partner.objects.visible_to(user), pk=partner_id)
    return Status(201, add_agency(partner, by=user, name=payload.name, kind=payload.kind))


@router.post(
    "/agencies/{int:agency_id}/units",
    response={201: UnitOut, **WRITE},
    summary="Add a unit to an agency",
)
def unit_create(request: HttpRequest, agency_id: int, payload: UnitIn) -> Status[Unit]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    agency = get_object_or_404(
        Agency.objects.filter(partner__in=Partner.objects.visible_to(user)), pk=agency_id
    )
    parent = lookup(Unit.objects.visible_to(user), payload.parent, field="parent")
    unit = add_unit(
        agency,
        by=user,
        name=payload.name,
        parent=parent,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, unit)


# --- Due diligence --------------------------------------------------------------------------


def _assessments() -> AssessmentQuerySet:
    return Assessment.objects.select_related("agreement", "assessed_by", "head_decided_by")


@router.get(
    "/assessments",
    response={200: list[AssessmentOut], **READ},
    summary="Due-diligence assessments (secretariat, analysts, oversight)",
)
@paginate(Pagination)
def assessment_list(request: HttpRequest, due: bool = False) -> QuerySet[Assessment]:
    user = acting_user(request)
    require(user.sees_everything)
    assessments = _assessments()
    if due:
        assessments = assessments.review_due(timezone.localdate())
    return assessments.order_by("next_review_on", "pk")


@router.post(
    "/agreements/{int:agreement_id}/assessments",
    response={201: AssessmentOut, **WRITE},
    summary="Record a due-diligence assessment of an agreement (four steps)",
)
def assessment_create(
    request: HttpRequest, agreement_id: int, payload: AssessmentIn
) -> Status[Assessment]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    assessment = record_assessment(agreement, by=user, **payload.dict())
    return Status(201, _assessments().get(pk=assessment.pk))


@router.post(
    "/assessments/{int:assessment_id}/decision",
    response={201: AssessmentOut, **WRITE},
    summary="The secretariat head approves or refuses a serious risk, with a reason",
)
def assessment_decide(
    request: HttpRequest, assessment_id: int, payload: HeadDecisionIn
) -> Status[Assessment]:
    user = acting_user(request)
    require(user.is_secretariat_head, _("Only the secretariat head decides on a serious risk."))
    assessment = get_object_or_404(Assessment, pk=assessment_id)
    decide_serious_risk(assessment, by=user, approve=payload.approve, reason=payload.reason)
    return Status(201, _assessments().get(pk=assessment.pk))


@router.post(
    "/agreements/{int:agreement_id}/activate",
    response={201: AgreementStatusOut, **WRITE},
    summary="Make an agreement active (needs a current, settled due-diligence assessment)",
)
def agreement_activate(request: HttpRequest, agreement_id: int) -> Status[Agreement]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    return Status(201, activate_agreement(agreement, by=user))
