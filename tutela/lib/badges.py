"""Template tags for the small pieces list pages repeat on every row.

Rendered in Python rather than by `{% include %}`: a list page draws these hundreds of times, and
the template engine's include costs more than the whole row. Loaded as a template builtin
(settings.TEMPLATES), so templates use them without `{% load %}`.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

_STATUS_CLASS = {
    "enrolled": "text-bg-primary",
    "completed": "text-bg-success",
    "nominated": "text-bg-info",
}


@register.simple_tag
def status_badge(nomination: Any, is_override: bool = False) -> SafeString:
    """A nomination's status as a badge, with an Override flag for overridden enrolments."""
    badge = format_html(
        '<span class="badge {}">{}</span>',
        _STATUS_CLASS.get(nomination.status, "text-bg-secondary"),
        nomination.get_status_display(),
    )
    if is_override:
        badge += format_html(
            ' <span class="badge text-bg-danger" data-testid="override-flag">{}</span>',
            _("Override"),
        )
    return badge


@register.simple_tag
def vetting_badge(
    outcome: str | None, until: dt.date | None = None, day: dt.date | None = None
) -> SafeString:
    """A vetting outcome as a badge; a clearance that lapses before `day` is flagged."""
    if not outcome:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("Not vetted"))
    if outcome == "cleared":
        badge = format_html('<span class="badge text-bg-success">{}</span>', _("Cleared"))
        if until and day and until < day:
            badge += format_html(
                ' <span class="badge text-bg-warning" title="{}">{}</span>',
                _("Valid until %(d)s") % {"d": until.isoformat()},
                _("expires before the start"),
            )
        return badge
    labels = {
        "not_cleared": ("text-bg-danger", _("Not cleared")),
        "more_info": ("text-bg-warning", _("More information needed")),
    }
    css, label = labels.get(outcome, ("text-bg-secondary", outcome))
    return format_html('<span class="badge {}">{}</span>', css, label)


@register.simple_tag
def select_options(choices: Iterable[tuple[Any, Any]], selected: Any = "") -> SafeString:
    """`<option>` elements for (value, label) pairs, the one equal to `selected` selected."""
    chosen = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == chosen else "", label) for value, label in choices),
    )
