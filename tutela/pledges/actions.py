"""Recording pledges and computing their progress from the records."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, IntegerField, Q, QuerySet, Value
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, NotAllowed
from tutela.nominations.models import Nomination, NominationStatus
from tutela.partners.models import Country
from tutela.pledges.models import Pledge, Progress, Scope


@transaction.atomic
def record_pledge(
    *,
    by: User,
    title: str,
    opportunities: int,
    starts_on: dt.date,
    ends_on: dt.date,
    scope: str = Scope.WORLD,
    region_code: str = "",
    country: Country | None = None,
    announced_on: dt.date | None = None,
    source: str = "",
    parent: Pledge | None = None,
) -> Pledge:
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat records pledges."))
    if opportunities < 1:
        raise ActionError(
            _("A pledge is at least one training opportunity."), field="opportunities"
        )
    if ends_on < starts_on:
        raise ActionError(_("The end date is before the start date."), field="ends_on")
    if scope == Scope.REGION and not region_code:
        raise ActionError(_("Choose the region."), field="region_code")
    if scope == Scope.COUNTRY and country is None:
        raise ActionError(_("Choose the country."), field="country")
    if parent is not None and opportunities > parent.opportunities:
        raise ActionError(
            _("A reserved share cannot exceed the pledge it is part of."), field="opportunities"
        )
    pledge = Pledge.objects.create(
        title=title.strip(),
        opportunities=opportunities,
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        region_code=region_code if scope == Scope.REGION else "",
        country=country if scope == Scope.COUNTRY else None,
        announced_on=announced_on,
        source=source.strip(),
        parent=parent,
    )
    record_event(
        by,
        "pledge.recorded",
        pledge,
        {
            "opportunities": opportunities,
            "scope": scope,
            "region": region_code,
            "country": country.code if country else None,
        },
    )
    return pledge


def counted_nominations(pledge: Pledge) -> QuerySet[Nomination]:
    """The completed nominations a pledge counts (see pledges.models.COUNTING_RULE)."""
    qs = Nomination.objects.filter(
        status=NominationStatus.COMPLETED,
        activity__starts_on__gte=pledge.starts_on,
        activity__starts_on__lte=pledge.ends_on,
    )
    if pledge.scope == Scope.REGION:
        qs = qs.filter(partner__country__region_code=pledge.region_code)
    elif pledge.scope == Scope.COUNTRY:
        qs = qs.filter(partner__country=pledge.country)
    return qs


def progress_figures() -> dict[str, Count]:
    """The figures of the counting rule, as aggregates over counted_nominations."""
    return {
        "delivered": Count("pk"),
        "officers": Count("officer", distinct=True),
        "overrides": Count("pk", filter=Q(enrolment__is_override=True)),
    }


def pledges_progress(pledges: list[Pledge]) -> dict[int, Progress]:
    """The progress of several pledges in one query: each pledge's counted_nominations
    aggregated, joined with UNION ALL (a list page must not query once per row)."""
    if not pledges:
        return {}
    parts = [
        counted_nominations(pledge)
        .order_by()
        .annotate(pledge_id=Value(pledge.pk, output_field=IntegerField()))
        .values("pledge_id")
        .annotate(**progress_figures())
        .values_list("pledge_id", "delivered", "officers", "overrides")
        for pledge in pledges
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
    figures = {pk: (delivered, officers, overrides) for pk, delivered, officers, overrides in rows}
    return {
        pledge.pk: Progress(pledge.opportunities, *figures.get(pledge.pk, (0, 0, 0)))
        for pledge in pledges
    }


def pledge_progress(pledge: Pledge) -> Progress:
    return pledges_progress([pledge])[pledge.pk]
