"""Partners, their agencies and units, host institutions and agreements.

Everyone who sees across countries (secretariat, analysts, oversight) reads these pages; only the
secretariat records. Liaisons have their own country's view through nominations and officers.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import reader_of_everything, secretariat_user, signed_in_user
from tutela.accounts.models import User
from tutela.activities.models import Activity
from tutela.lib.countries import regions
from tutela.lib.errors import ActionError, NotAllowed, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate
from tutela.nominations.models import Nomination, NominationStatus, Officer
from tutela.partners import actions
from tutela.partners.forms import (
    AgencyForm,
    AgreementDocumentForm,
    AgreementForm,
    AssessmentForm,
    HeadDecisionForm,
    HostInstitutionForm,
    PartnerForm,
    UnitForm,
)
from tutela.partners.models import (
    Agency,
    Agreement,
    AgreementDocument,
    AgreementStatus,
    Assessment,
    AssessmentStatus,
    HostInstitution,
    Partner,
    PartnerKind,
    RiskLevel,
    Unit,
)
from tutela.vetting.models import Decision, DecisionQuerySet

# --- Access and form helpers ------------------------------------------------------------------


def _count(queryset: QuerySet[Any], link: str) -> Coalesce:
    """A correlated COUNT of `queryset` rows whose `link` is the outer row (no row multiplying)."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- Partners ---------------------------------------------------------------------------------


@login_required
@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    user = reader_of_everything(request)
    partners = (
        Partner.objects.visible_to(user)
        .search(request.GET.get("q", "").strip())
        .select_related("country")
        .annotate(
            agency_count=_count(Agency.objects.all(), "partner"),
            officer_count=_count(Officer.objects.all(), "partner"),
        )
    )
    kind = request.GET.get("kind", "").strip()
    if kind in PartnerKind.values:
        partners = partners.filter(kind=kind)
    region = request.GET.get("region", "").strip()
    if region:
        partners = partners.filter(country__region_code=region)
    listing = paginate(request, partners, filters=["kind", "region"])
    context = {"listing": listing, "kinds": PartnerKind.choices, "regions": regions()}
    template = (
        "partners/partner_list.html#results"
        if wants_partial(request, "results")
        else "partners/partner_list.html"
    )
    return render(request, template, context)


@dataclass
class UnitNode:
    unit: Unit
    children: list["UnitNode"] = field(default_factory=list)


def unit_trees(units: list[Unit]) -> dict[int, list[UnitNode]]:
    """The units of each agency as trees (agency id → root nodes), built without further queries.

    A unit whose parent is missing from `units` (or lies in a cycle) is shown as a root, so that
    every unit appears exactly once."""
    children: dict[int | None, list[Unit]] = {}
    by_pk = {u.pk: u for u in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in by_pk else None
        children.setdefault(parent, []).append(unit)
    seen: set[int] = set()

    def grow(unit: Unit) -> UnitNode:
        seen.add(unit.pk)
        node = UnitNode(unit)
        node.children = [grow(c) for c in children.get(unit.pk, []) if c.pk not in seen]
        return node

    trees: dict[int, list[UnitNode]] = {}
    for unit in children.get(None, []):
        trees.setdefault(unit.agency_id, []).append(grow(unit))
    for unit in units:  # anything left over sits in a cycle of parents
        if unit.pk not in seen:
            trees.setdefault(unit.agency_id, []).append(grow(unit))
    return trees


@dataclass(frozen=True)
class VettingSummary:
    """What a unit page shows of a vetting decision: outcome and validity, never evidence."""

    outcome: str
    outcome_label: str
    valid_from: dt.date
    valid_until: dt.date
    decided_on: dt.date
    is_current: bool

    @classmethod
    def of(cls, decision: Decision, today: dt.date) -> "VettingSummary":
        return cls(
            outcome=decision.outcome,
            outcome_label=decision.get_outcome_display(),
            valid_from=decision.valid_from,
            valid_until=decision.valid_until,
            decided_on=decision.decided_at.date(),
            is_current=decision.is_valid_on(today),
        )


def latest_vetting(decisions: DecisionQuerySet, today: dt.date) -> dict[int, VettingSummary]:
    """The current (latest) decision on each unit among `decisions`, as summaries, in one query."""
    latest: dict[int, VettingSummary] = {}
    fields = ("unit_id", "outcome", "valid_from", "valid_until", "decided_at")
    for decision in decisions.filter(unit__isnull=False).latest_first().only(*fields):
        if decision.unit_id is not None and decision.unit_id not in latest:
            latest[decision.unit_id] = VettingSummary.of(decision, today)
    return latest


def _partner_detail_context(partner: Partner, user: User, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    units = list(Unit.objects.filter(agency__partner=partner).order_by("name"))
    vetting = latest_vetting(Decision.objects.filter(unit__agency__partner=partner), today)
    for unit in units:
        unit.vetting = vetting.get(unit.pk)  # type: ignore[attr-defined]
    trees = unit_trees(units)
    agencies = [
        {"agency": agency, "units": trees.get(agency.pk, [])} for agency in partner.agencies.all()
    ]
    counts = Nomination.objects.filter(partner=partner).aggregate(
        total=Count("pk"), completed=Count("pk", filter=Q(status=NominationStatus.COMPLETED))
    )
    context: dict[str, Any] = {
        "partner": partner,
        "agencies": agencies,
        "agreements": partner.agreements.order_by("-starts_on"),
        "officer_count": partner.officers.count(),
        "nomination_count": counts["total"],
        "completed_count": counts["completed"],
        "today": today,
        "agency_form": AgencyForm() if user.is_secretariat else None,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = reader_of_everything(request)
    partner = get_object_or_404(Partner.objects.visible_to(user).select_related("country"), pk=pk)
    return render(request, "partners/partner_detail.html", _partner_detail_context(partner, user))


@login_required
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    user = secretariat_user(request)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = actions.add_partner(
                by=user,
                kind=data["kind"],
                name=data["name"],
                country=data["country"],
                acronym=data["acronym"],
                joined_on=data["joined_on"],
                notes=data["notes"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Partner %(name)s added.") % {"name": partner.name})
            return redirect(partner)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/partner_form.html", {"form": form}, status=status)


@login_required
@require_POST
def agency_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    partner = get_object_or_404(Partner.objects.select_related("country"), pk=pk)
    form = AgencyForm(request.POST)
    if form.is_valid():
        try:
            agency = actions.add_agency(
                partner, by=user, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Agency %(name)s added.") % {"name": agency.name})
            return redirect(partner)
    context = _partner_detail_context(partner, user, agency_form=form)
    return render(request, "partners/partner_detail.html", context, status=400)


# --- Units ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    agency = get_object_or_404(Agency.objects.select_related("partner"), pk=pk)
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else {}
    form = UnitForm(request.POST or None, agency=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = actions.add_unit(
                agency,
                by=user,
                name=data["name"],
                parent=data["parent"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Unit %(name)s added.") % {"name": unit.name})
            return redirect(unit)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "partners/unit_form.html", {"form": form, "agency": agency}, status=status
    )


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = reader_of_everything(request)
    unit = get_object_or_404(
        Unit.objects.visible_to(user).select_related("agency__partner__country", "parent"), pk=pk
    )
    today = timezone.localdate()
    path = unit.path()
    latest = latest_vetting(Decision.objects.filter(unit__in=path), today)
    context = {
        "unit": unit,
        "ancestors": [{"unit": u, "vetting": latest.get(u.pk)} for u in path[:-1]],
        "vetting": latest.get(unit.pk),
        "children": unit.children.order_by("name"),
        "officer_count": unit.officers.count(),
        "today": today,
    }
    return render(request, "partners/unit_detail.html", context)


# --- Host institutions ------------------------------------------------------------------------


@login_required
@require_GET
def institution_list(request: HttpRequest) -> HttpResponse:
    reader_of_everything(request)
    institutions = (
        HostInstitution.objects.select_related("country")
        .order_by("name")
        .annotate(activity_count=_count(Activity.objects.all(), "host_institution"))
    )
    query = request.GET.get("q", "").strip()
    if query:
        institutions = institutions.filter(
            Q(name__icontains=query) | Q(city__icontains=query) | Q(country__name__icontains=query)
        )
    listing = paginate(request, institutions)
    template = (
        "partners/hostinstitution_list.html#results"
        if wants_partial(request, "results")
        else "partners/hostinstitution_list.html"
    )
    return render(request, template, {"listing": listing})


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    user = secretariat_user(request)
    form = HostInstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            institution = actions.add_host_institution(
                by=user,
                name=data["name"],
                country=data["country"],
                city=data["city"],
                website=data["website"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(
                request, _("Host institution %(name)s added.") % {"name": institution.name}
            )
            return redirect("partners:institution_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/hostinstitution_form.html", {"form": form}, status=status)


# --- Agreements -------------------------------------------------------------------------------


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    reader_of_everything(request)
    agreements = Agreement.objects.prefetch_related(
        Prefetch("parties", queryset=Partner.objects.order_by("name")),
        Prefetch("institutions", queryset=HostInstitution.objects.order_by("name")),
    ).annotate(document_count=_count(AgreementDocument.objects.all(), "agreement"))
    query = request.GET.get("q", "").strip()
    if query:
        agreements = agreements.filter(
            Q(title__icontains=query)
            | Q(scope__icontains=query)
            | Q(parties__name__icontains=query)
            | Q(parties__acronym__icontains=query)
        ).distinct()
    listing = paginate(request, agreements)
    template = (
        "partners/agreement_list.html#results"
        if wants_partial(request, "results")
        else "partners/agreement_list.html"
    )
    return render(request, template, {"listing": listing})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    user = secretariat_user(request)
    initial = {"parties": [request.GET["partner"]]} if request.GET.get("partner") else {}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = actions.record_agreement(
                by=user,
                title=data["title"],
                scope=data["scope"],
                parties=list(data["parties"]),
                institutions=list(data["institutions"]),
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                signed_on=data["signed_on"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Agreement recorded."))
            return redirect(agreement)
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/agreement_form.html", {"form": form}, status=status)


def _agreement_context(agreement: Agreement, user: User, **extra: Any) -> dict[str, Any]:
    assessments = list(
        agreement.assessments.select_related("assessed_by", "head_decided_by").order_by(
            "-assessed_on", "-pk"
        )
    )
    latest = assessments[0] if assessments else None
    today = timezone.localdate()
    try:
        actions.check_due_diligence(agreement, today)
        gate_reason = ""
    except ActionError as error:
        gate_reason = error.message
    context: dict[str, Any] = {
        "agreement": agreement,
        "assessments": assessments,
        "latest_assessment": latest,
        "gate_reason": gate_reason,
        "review_due": latest is not None and latest.next_review_on <= today,
        "assessment_form": AssessmentForm() if user.is_secretariat else None,
        "head_form": (
            HeadDecisionForm()
            if user.is_secretariat_head
            and latest is not None
            and latest.status == AssessmentStatus.AWAITING_HEAD
            else None
        ),
        "can_activate": user.is_secretariat
        and agreement.status != AgreementStatus.ACTIVE
        and not gate_reason,
        "parties": agreement.parties.select_related("country").order_by("name"),
        "institutions": agreement.institutions.select_related("country").order_by("name"),
        "documents": agreement.documents.order_by("-uploaded_at"),
        "document_form": AgreementDocumentForm() if user.is_secretariat else None,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = reader_of_everything(request)
    agreement = get_object_or_404(Agreement, pk=pk)
    return render(request, "partners/agreement_detail.html", _agreement_context(agreement, user))


@login_required
@require_POST
def document_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    agreement = get_object_or_404(Agreement, pk=pk)
    form = AgreementDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.attach_agreement_document(
                agreement, by=user, title=form.cleaned_data["title"], file=form.cleaned_data["file"]
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Document attached."))
            return redirect(agreement)
    context = _agreement_context(agreement, user, document_form=form)
    return render(request, "partners/agreement_detail.html", context, status=400)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Agreement documents are served through this view so that only readers receive them."""
    reader_of_everything(request)
    document = get_object_or_404(AgreementDocument, pk=pk)
    name = (document.file.name or "document").rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


# --- Due diligence --------------------------------------------------------------------------


def _agreement(pk: int) -> Agreement:
    return get_object_or_404(Agreement, pk=pk)


@login_required
@require_POST
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    agreement = _agreement(pk)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            assessment = actions.record_assessment(agreement, by=user, **form.cleaned_data)
        except ActionError as error:
            put_on_form(form, error)
        else:
            if assessment.status == AssessmentStatus.AWAITING_HEAD:
                messages.warning(
                    request,
                    _(
                        "Assessment recorded. The risk is serious: the secretariat head must "
                        "approve it, with a written reason, before the agreement can be active."
                    ),
                )
            else:
                messages.success(request, _("Assessment recorded."))
            return redirect(agreement)
    context = _agreement_context(agreement, user, assessment_form=form)
    return render(request, "partners/agreement_detail.html", context, status=400)


@login_required
@require_POST
def assessment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_secretariat_head:
        raise PermissionDenied
    assessment = get_object_or_404(Assessment.objects.select_related("agreement"), pk=pk)
    agreement = assessment.agreement
    form = HeadDecisionForm(request.POST)
    if form.is_valid():
        try:
            actions.decide_serious_risk(
                assessment,
                by=user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(agreement)
    context = _agreement_context(agreement, user, head_form=form)
    return render(request, "partners/agreement_detail.html", context, status=400)


@login_required
@require_POST
def agreement_activate(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    agreement = _agreement(pk)
    try:
        actions.activate_agreement(agreement, by=user)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ActionError as error:
        context = _agreement_context(agreement, user, action_error=error.message)
        return render(request, "partners/agreement_detail.html", context, status=409)
    messages.success(request, _("The agreement is active."))
    return redirect(agreement)


@login_required
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    """Every due-diligence assessment, for the secretariat, analysts and oversight: the latest
    per agreement flagged when its review is due."""
    reader_of_everything(request)
    today = timezone.localdate()
    assessments = Assessment.objects.select_related(
        "agreement", "assessed_by", "head_decided_by"
    ).with_latest()
    if request.GET.get("due") == "1":
        assessments = assessments.review_due(today)
    risk = request.GET.get("risk", "")
    if risk in RiskLevel.values:
        assessments = assessments.filter(risk_level=risk)
    listing = paginate(
        request, assessments.order_by("next_review_on", "pk"), filters=["due", "risk"]
    )
    return render(
        request,
        "partners/assessment_list.html",
        {"listing": listing, "today": today, "risks": RiskLevel.choices},
    )
