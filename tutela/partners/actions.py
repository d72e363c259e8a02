"""Recording partners, their agencies and units, host institutions and agreements."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.partners.models import (
    Agency,
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Assessment,
    AssessmentStatus,
    Country,
    HostInstitution,
    Partner,
    PartnerKind,
    RiskLevel,
    Unit,
)


def _require_secretariat(by: User) -> None:
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat records partners."))


@transaction.atomic
def add_partner(
    *,
    by: User,
    kind: str,
    name: str = "",
    country: Country | None = None,
    acronym: str = "",
    joined_on: dt.date | None = None,
    notes: str = "",
) -> Partner:
    _require_secretariat(by)
    if kind == PartnerKind.COUNTRY:
        if country is None:
            raise ActionError(_("Choose the country."), field="country")
        if Partner.objects.filter(country=country).exists():
            raise Conflict(
                _("%(country)s is already a partner.") % {"country": country}, field="country"
            )
        name = name.strip() or country.name
    elif kind == PartnerKind.ORGANISATION:
        if country is not None:
            raise ActionError(_("An international organisation has no country."), field="country")
        if not name.strip():
            raise ActionError(_("Give the organisation's name."), field="name")
    else:
        raise ActionError(_("Unknown kind of partner."), field="kind")
    if Partner.objects.filter(name=name.strip()).exists():
        raise Conflict(_("A partner named %(name)s exists.") % {"name": name}, field="name")
    partner = Partner.objects.create(
        kind=kind,
        name=name.strip(),
        country=country,
        acronym=acronym.strip(),
        joined_on=joined_on,
        notes=notes.strip(),
    )
    record_event(
        by, "partner.added", partner, {"kind": kind, "country": country.code if country else None}
    )
    return partner


@transaction.atomic
def add_agency(partner: Partner, *, by: User, name: str, kind: str) -> Agency:
    _require_secretariat(by)
    if partner.agencies.filter(name=name.strip()).exists():
        raise Conflict(
            _("%(partner)s already has an agency named %(name)s.")
            % {"partner": partner, "name": name},
            field="name",
        )
    agency = Agency.objects.create(partner=partner, name=name.strip(), kind=kind)
    record_event(by, "agency.added", agency, {"partner": partner.pk})
    return agency


@transaction.atomic
def add_unit(
    agency: Agency,
    *,
    by: User,
    name: str,
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    _require_secretariat(by)
    if parent is not None and parent.agency_id != agency.pk:
        raise ActionError(_("The parent unit belongs to another agency."), field="parent")
    if valid_from and valid_to and valid_to < valid_from:
        raise ActionError(_("The end date is before the start date."), field="valid_to")
    unit = Unit.objects.create(
        agency=agency, name=name.strip(), parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    record_event(
        by, "unit.added", unit, {"agency": agency.pk, "parent": parent.pk if parent else None}
    )
    return unit


@transaction.atomic
def add_host_institution(
    *, by: User, name: str, country: Country, city: str = "", website: str = ""
) -> HostInstitution:
    _require_secretariat(by)
    if HostInstitution.objects.filter(name=name.strip()).exists():
        raise Conflict(
            _("A host institution named %(name)s exists.") % {"name": name}, field="name"
        )
    institution = HostInstitution.objects.create(
        name=name.strip(), country=country, city=city.strip(), website=website.strip()
    )
    record_event(by, "host_institution.added", institution, {"country": country.code})
    return institution


@transaction.atomic
def record_agreement(
    *,
    by: User,
    title: str,
    scope: str,
    parties: list[Partner],
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    signed_on: dt.date | None = None,
    institutions: list[HostInstitution] | None = None,
) -> Agreement:
    _require_secretariat(by)
    if not parties:
        raise ActionError(_("An agreement needs at least one partner."), field="parties")
    if ends_on and ends_on < starts_on:
        raise ActionError(_("The end date is before the start date."), field="ends_on")
    agreement = Agreement.objects.create(
        title=title.strip(),
        scope=scope.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
    )
    agreement.parties.set(parties)
    agreement.institutions.set(institutions or [])
    record_event(
        by,
        "agreement.recorded",
        agreement,
        {"parties": [p.pk for p in parties], "starts_on": starts_on.isoformat()},
    )
    return agreement


@transaction.atomic
def attach_agreement_document(
    agreement: Agreement, *, by: User, title: str, file: UploadedFile
) -> AgreementDocument:
    _require_secretariat(by)
    document = AgreementDocument.objects.create(agreement=agreement, title=title.strip(), file=file)
    record_event(
        by,
        "agreement.document_attached",
        document,
        {"agreement": agreement.pk, "name": file.name, "size": file.size},
    )
    return document


# --- Due diligence --------------------------------------------------------------------------

REVIEW_AFTER_DAYS = {RiskLevel.LOW: 365, RiskLevel.MODERATE: 365, RiskLevel.SERIOUS: 182}


@transaction.atomic
def record_assessment(
    agreement: Agreement,
    *,
    by: User,
    situation: str,
    risks: str,
    mitigations: str,
    monitoring: str,
    risk_level: str,
    assessed_on: dt.date | None = None,
    next_review_on: dt.date | None = None,
) -> Assessment:
    """Record a due-diligence assessment in its four steps. A serious risk waits for the
    secretariat head; the next review defaults to a year on (six months for a serious risk)."""
    _require_secretariat(by)
    steps = {
        "situation": situation,
        "risks": risks,
        "mitigations": mitigations,
        "monitoring": monitoring,
    }
    for field, text in steps.items():
        if not text.strip():
            raise ActionError(_("Complete all four steps of the assessment."), field=field)
    if risk_level not in RiskLevel.values:
        raise ActionError(_("Choose the level of risk."), field="risk_level")
    today = timezone.localdate()
    assessed_on = assessed_on or today
    if assessed_on > today:
        raise ActionError(_("An assessment cannot be dated in the future."), field="assessed_on")
    next_review_on = next_review_on or assessed_on + dt.timedelta(
        days=REVIEW_AFTER_DAYS[RiskLevel(risk_level)]
    )
    if next_review_on <= assessed_on:
        raise ActionError(
            _("The next review must come after the assessment."), field="next_review_on"
        )
    if next_review_on > assessed_on + dt.timedelta(days=2 * 365):
        raise ActionError(
            _("Review an assessment at least every two years."), field="next_review_on"
        )
    serious = risk_level == RiskLevel.SERIOUS
    assessment = Assessment.objects.create(
        agreement=agreement,
        **{field: text.strip() for field, text in steps.items()},
        risk_level=risk_level,
        status=AssessmentStatus.AWAITING_HEAD if serious else AssessmentStatus.COMPLETE,
        assessed_on=assessed_on,
        next_review_on=next_review_on,
        assessed_by=by,
    )
    record_event(
        by,
        "assessment.recorded",
        assessment,
        {
            "agreement": agreement.pk,
            "risk_level": risk_level,
            "next_review_on": next_review_on.isoformat(),
        },
    )
    return assessment


@transaction.atomic
def decide_serious_risk(
    assessment: Assessment, *, by: User, approve: bool, reason: str
) -> Assessment:
    """The secretariat head approves (or refuses) cooperation despite a serious risk, in writing."""
    if not by.is_secretariat_head:
        raise NotAllowed(_("Only the secretariat head decides on a serious risk."))
    if assessment.status != AssessmentStatus.AWAITING_HEAD:
        raise Conflict(_("This assessment is not waiting for the head's decision."))
    if not reason.strip():
        raise ActionError(_("Write the reason for the decision."), field="reason")
    assessment.status = AssessmentStatus.APPROVED if approve else AssessmentStatus.REFUSED
    assessment.head_decided_by = by
    assessment.head_decided_at = timezone.now()
    assessment.head_reason = reason.strip()
    assessment.save(update_fields=["status", "head_decided_by", "head_decided_at", "head_reason"])
    verb = "assessment.head_approved" if approve else "assessment.head_refused"
    record_event(by, verb, assessment, {"agreement": assessment.agreement_id})
    return assessment


def check_due_diligence(agreement: Agreement, day: dt.date) -> Assessment:
    """The due-diligence gate: the agreement's latest assessment must be complete (or, for a
    serious risk, approved by the secretariat head) and not past its review date."""
    latest = agreement.assessments.order_by("-assessed_on", "-pk").first()
    if latest is None:
        raise GateClosed(
            _("Record a due-diligence assessment before the agreement becomes active.")
        )
    if latest.status == AssessmentStatus.AWAITING_HEAD:
        raise GateClosed(
            _("The assessment found a serious risk: the secretariat head must approve it first.")
        )
    if latest.status == AssessmentStatus.REFUSED:
        raise GateClosed(_("The secretariat head refused the cooperation on this assessment."))
    if not latest.clears_on(day):
        raise GateClosed(
            _("The assessment was due for review on %(day)s: record a new one.")
            % {"day": latest.next_review_on.isoformat()}
        )
    return latest


@transaction.atomic
def activate_agreement(agreement: Agreement, *, by: User) -> Agreement:
    _require_secretariat(by)
    if agreement.status == AgreementStatus.ACTIVE:
        raise Conflict(_("The agreement is already active."))
    assessment = check_due_diligence(agreement, timezone.localdate())
    agreement.status = AgreementStatus.ACTIVE
    agreement.activated_at = timezone.now()
    agreement.activated_by = by
    agreement.save(update_fields=["status", "activated_at", "activated_by"])
    record_event(by, "agreement.activated", agreement, {"assessment": assessment.pk})
    return agreement
