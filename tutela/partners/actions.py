"""Recording partners, their agencies and units, host institutions and agreements."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.partners.models import (
    Agency,
    Agreement,
    AgreementDocument,
    Country,
    HostInstitution,
    Partner,
    PartnerKind,
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
