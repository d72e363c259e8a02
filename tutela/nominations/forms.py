"""Input forms of the nominations app. They check the shape of input; rules live in actions."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from tutela.activities.models import Activity
from tutela.lib.names import is_latin
from tutela.nominations.models import Gender, NominationStatus
from tutela.partners.models import Agency, Country, Partner, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _bootstrap(form: forms.Form) -> None:
    """Give every widget Bootstrap's class (selects and inputs differ)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.title} ({obj.starts_on:%Y-%m-%d})"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.agency.name} / {obj.name}"


class PartnerChoiceForm(forms.Form):
    """The secretariat first chooses for which partner it nominates."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.active())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class NominationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name (own script)"),
        max_length=200,
        help_text=_("As written in the officer's passport or identity card, in its own script."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    name_latin = forms.CharField(
        label=_("Name in Latin script"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    nationality = forms.ModelChoiceField(label=_("Nationality"), queryset=Country.objects.all())
    rank = forms.CharField(label=_("Rank"), max_length=100)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    email = forms.EmailField(label=_("Email"), required=False)
    activity = ActivityChoiceField(label=_("Activity"), queryset=Activity.objects.none())
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this officer should attend: their role and how they will use it."),
    )

    def __init__(
        self, *args: Any, partner: Partner, activities: QuerySet[Activity], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["agency"].queryset = Agency.objects.filter(partner=partner).order_by("name")
        fields["unit"].queryset = (
            Unit.objects.filter(agency__partner=partner)
            .select_related("agency")
            .order_by("agency__name", "name")
        )
        fields["activity"].queryset = activities.order_by("starts_on", "code")
        if partner.country_id and not self.is_bound:
            fields["nationality"].initial = partner.country_id
        _bootstrap(self)

    def clean_name_latin(self) -> str:
        value: str = self.cleaned_data["name_latin"]
        if not is_latin(value):
            raise forms.ValidationError(_("Write this name in Latin letters."))
        return value

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        agency, unit = data.get("agency"), data.get("unit")
        if agency is not None and unit is not None and unit.agency_id != agency.pk:
            self.add_error("unit", _("This unit is not part of the chosen agency."))
        return data


class RosterForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.active())
    activity = ActivityChoiceField(label=_("Activity"), queryset=Activity.objects.none())
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("A .xlsx or .csv file with one officer per row, laid out as the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(
        self, *args: Any, activities: QuerySet[Activity], ask_partner: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["activity"].queryset = activities.order_by("starts_on", "code")
        if not ask_partner:
            del self.fields["partner"]
        _bootstrap(self)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s. Split it into smaller files.")
                % {"limit": filesizeformat(settings.MAX_UPLOAD_BYTES)}
            )
        return upload


class EnrolOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for overriding the vetting gate"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Written in full. The override, your name and this reason are recorded in the audit "
            "trail and flagged to oversight."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Write the reason for the override."))
        return reason


class CloseForm(forms.Form):
    status = forms.ChoiceField(label=_("Close as"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, statuses: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["status"].choices = [(s, NominationStatus(s).label) for s in statuses]
        _bootstrap(self)
