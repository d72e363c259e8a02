"""Forms of the vetting app: they check the shape of input; decide_vetting applies the rules."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tutela.activities.forms import BootstrapForm, DateInput
from tutela.vetting.actions import default_valid_until
from tutela.vetting.models import Outcome


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

    def __init__(self, *args: Any, subject_kind: str, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial", {"valid_from": today, "valid_until": default_valid_until(today)}
        )
        super().__init__(*args, **kwargs)
        if subject_kind != "unit":
            del self.fields["is_publishable"]

    def clean_sources(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["sources"].splitlines()]
        return "\n".join(line for line in lines if line)
