"""Input forms of the partners app. They check the shape of input; rules live in actions."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tutela.partners.models import (
    Agency,
    AgencyKind,
    Country,
    HostInstitution,
    Partner,
    PartnerKind,
    RiskLevel,
    Unit,
)

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


def _bootstrap(form: forms.Form) -> None:
    """Give every widget Bootstrap's class (selects and inputs differ)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PartnerKind.choices, initial=PartnerKind.COUNTRY
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("For a country partner: only countries that are not yet partners are listed."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_(
            "Required for an international organisation (e.g. INTERPOL). For a country, "
            "leave empty to use the country's name."
        ),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=30, required=False)
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.filter(partner__isnull=True)  # type: ignore[attr-defined]
        _bootstrap(self)


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices, initial=AgencyKind.POLICE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.ModelChoiceField(
        label=_("Parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty for a unit directly under the agency."),
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DATE)
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty while the unit exists."),
    )

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = agency.units.order_by("name")  # type: ignore[attr-defined]
        _bootstrap(self)


class HostInstitutionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all())
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Partner.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The partners bound by the agreement (hold Ctrl or ⌘ to choose several)."),
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Host institutions"),
        queryset=HostInstitution.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    scope = forms.CharField(
        label=_("Scope"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the agreement covers: training, exchanges, missions, safeguards."),
    )
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE)
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class AgreementDocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(size)s.") % {
            "size": filesizeformat(settings.MAX_UPLOAD_BYTES)
        }
        _bootstrap(self)

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if file.size is not None and file.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        return file


class AssessmentForm(forms.Form):
    situation = forms.CharField(
        label=_("1. Human-rights situation of the partner"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The partner's record and context, with the sources relied on."),
    )
    risks = forms.CharField(
        label=_("2. Risks the cooperation could contribute to"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the training or support could contribute to violations."),
    )
    mitigations = forms.CharField(
        label=_("3. Mitigations"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    monitoring = forms.CharField(
        label=_("4. How it will be monitored"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_level = forms.ChoiceField(
        label=_("Risk"),
        choices=[("", "—"), *RiskLevel.choices],
        help_text=_("A serious risk needs the secretariat head's approval with a written reason."),
    )
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=DATE)
    next_review_on = forms.DateField(
        label=_("Next review on"),
        required=False,
        widget=DATE,
        help_text=_("Default: a year on; six months for a serious risk."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class HeadDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", "—"),
            ("approve", _("Approve despite the serious risk")),
            ("refuse", _("Refuse")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
