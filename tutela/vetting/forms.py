"""Forms of the vetting app: they check the shape of input; decide_vetting applies the rules."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tutela.activities.forms import BootstrapForm, DateInput
from tutela.vetting.actions import default_valid_until
from tutela.vetting.models import WATCHLIST_FORMATS, Alert, Outcome


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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (OFAC's sdn.csv, alt.csv and add.csv come together)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or [single(None, initial)]
        return [single(data, initial)]


class WatchlistImportForm(BootstrapForm):
    """The shape of an upload; import_watchlist reads and checks the files themselves."""

    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("— choose —")), *WATCHLIST_FORMATS.items()]
    )
    list_files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "One or more files of the same list: for OFAC, sdn.csv, alt.csv and add.csv together."
        ),
    )
    source_date = forms.DateField(
        label=_("Date of the list"),
        widget=DateInput(),
        required=False,
        help_text=_("The date the list was published, if known."),
    )
    name = forms.CharField(
        label=_("Watchlist name"),
        max_length=200,
        required=False,
        help_text=_("Empty: the format's usual name (e.g. OFAC SDN)."),
    )

    def clean_list_files(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["list_files"]
        limit = settings.WATCHLIST_MAX_UPLOAD_BYTES
        for upload in uploads:
            if upload.size is not None and upload.size > limit:
                raise forms.ValidationError(
                    _("%(file)s is larger than %(limit)s.")
                    % {"file": upload.name, "limit": filesizeformat(limit)}
                )
        return uploads


class AlertDecisionForm(BootstrapForm):
    """The shape of a decision on an alert; dismiss_alert / confirm_alert check the rest."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("dismiss", _("Dismiss: not the same person or unit")),
            ("confirm", _("Confirm: the same person or unit")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
