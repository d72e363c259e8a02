"""`{% open_alert_badge officer %}`: a red badge when the officer or their unit has an open
screening alert, for those who read vetting (analysts, the secretariat, oversight)."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tutela.vetting.models import Alert

register = template.Library()

READER_ROLES = ("is_analyst", "is_secretariat", "is_oversight")


@register.simple_tag(takes_context=True)
def open_alert_badge(context: Any, officer: Any) -> SafeString | str:
    user = context.get("user")
    if not any(
        getattr(user, role, False) for role in ("is_analyst", "is_secretariat", "is_oversight")
    ):
        return ""
    if not Alert.objects.open().for_officers([officer.pk]).exists():
        return ""
    return format_html(
        '<a class="badge text-bg-danger text-decoration-none" href="{}" '
        'data-testid="open-alert-badge">{}</a>',
        reverse("vetting:alert_list"),
        _("open screening alert"),
    )
