"""Forms of the vetting app: they check the shape of input; decide_vetting applies the rules."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tutela.activities.forms import BootstrapForm, DateInput
from tutela.vetting.actions import default_valid_until
from tutela.vetting.models import Alert, Outcome


def _alert_label(alert: Alert) -> str:
    return _("Alert %(id)d: %(entry)s (%(list)s, score %(score).2f) — %(status)s") % {
        "id": alert.pk,
        "entry": alert.entry.primary_name,
        "list": alert.watchlist.name,
        "score": alert.score,
        "status": alert.get_status_display(),
    }


class DecisionForm(BootstrapForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("— choose —")), *Outcome.choices]
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why: readable by oversight and the secretariat."),
    )
    sources = forms.CharField(
        label=_("Sources"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One source per line: what was checked (watchlists, reports, registers)."),
    )
    evidence = forms.CharField(
        label=_("Restricted evidence"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Seen by vetting analysts only; never shown to oversight, partners or the public."
        ),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: twelve months from the start date, less one day."),
    )
    is_publishable = forms.BooleanField(
        label=_("Publish in the register of barred units"),
        required=False,
        help_text=_("Only for a unit that is not cleared."),
    )

    alerts = forms.ModelMultipleChoiceField(
        label=_("Alerts this decision rests on"),
        queryset=Alert.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Dismissed and confirmed screening alerts on this subject. A clearance must cite "
            "every confirmed alert that no earlier decision cites."
        ),
    )

    def __init__(
        self,
        *args: Any,
        subject_kind: str,
        alerts: QuerySet[Alert] | None = None,
        cite: Iterable[int] = (),
        **kwargs: Any,
    ) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {"valid_from": today, "valid_until": default_valid_until(today), "alerts": list(cite)},
        )
        super().__init__(*args, **kwargs)
        if subject_kind != "unit":
            del self.fields["is_publishable"]
        if alerts is None or not alerts.exists():
            del self.fields["alerts"]
        else:
            field = self.fields["alerts"]
            field.queryset = alerts  # type: ignore[attr-defined]
            field.label_from_instance = _alert_label  # type: ignore[attr-defined]

    def clean_sources(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["sources"].splitlines()]
        return "\n".join(line for line in lines if line)
