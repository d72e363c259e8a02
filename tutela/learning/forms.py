"""Input forms of the learning app. They check the shape of input; rules live in actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tutela.learning.surveys import FREQUENCY, LIKERT, TEXT, YES_NO, Question


class CheckInForm(forms.Form):
    invitation_number = forms.CharField(
        label=_("Invitation number"),
        max_length=40,
        help_text=_("As printed on your invitation letter, e.g. INV-2026-000123."),
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Birth date"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )


class PaperRosterForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("A .xlsx or .csv file: one row per trainee and day."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )


class CompletionRuleForm(forms.Form):
    min_attendance = forms.DecimalField(
        label=_("Minimum attendance (%)"),
        min_value=0,
        max_value=100,
        decimal_places=1,
        initial=80,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )
    min_post_score = forms.DecimalField(
        label=_("Minimum post-test score (out of 100)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty if no post-test is required."),
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "any"}),
    )


class SupervisorForm(forms.Form):
    name = forms.CharField(label=_("Supervisor's name"), max_length=200)
    email = forms.EmailField(label=_("Supervisor's email"))


def survey_form(questions: list[Question], data: Any = None) -> forms.Form:
    """A form with one field per question of the survey."""
    form = forms.Form(data)
    for q in questions:
        field: forms.Field
        if q.kind in (LIKERT, FREQUENCY):
            field = forms.TypedChoiceField(
                choices=[(str(v), label) for v, label in q.choices],
                widget=forms.RadioSelect,
                coerce=int,
            )
        elif q.kind == YES_NO:
            field = forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect
            )
        else:
            assert q.kind == TEXT
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}), max_length=4000
            )
        field.label = q.text
        field.required = q.required
        form.fields[q.code] = field
    return form
