"""The public complaint form and the triage forms. Shapes of input only; rules are in actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tutela.complaints.actions import LIMITS
from tutela.complaints.models import Subject

HONEYPOT = "website"


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ComplaintForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("What is the information about?"),
        choices=[("", "—"), *Subject.choices],
    )
    about = forms.CharField(
        label=_("Who or what"),
        max_length=LIMITS["about"],
        help_text=_(
            "The name of the person, unit, course or institution, as precisely as you can."
        ),
    )
    what = forms.CharField(
        label=_("What happened"),
        max_length=LIMITS["what"],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    when = forms.CharField(
        label=_("When"),
        max_length=LIMITS["when"],
        required=False,
        help_text=_("A date or a period, even approximate."),
    )
    where = forms.CharField(label=_("Where"), max_length=LIMITS["where"], required=False)
    sources = forms.CharField(
        label=_("Sources"),
        max_length=LIMITS["sources"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How you know: witnesses, documents, reports, links."),
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"), max_length=LIMITS["contact_name"], required=False
    )
    contact_email = forms.EmailField(
        label=_("Your email (optional)"), max_length=LIMITS["contact_email"], required=False
    )
    contact_phone = forms.CharField(
        label=_("Your telephone (optional)"), max_length=LIMITS["contact_phone"], required=False
    )
    # Left empty by people; filled in by form-filling robots. Hidden by CSS and from screen readers.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
        self.fields[HONEYPOT].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


class ReferralForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)  # "officer:<id>" or "unit:<id>"
    summary = forms.CharField(
        label=_("What the vetting case should look into"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
