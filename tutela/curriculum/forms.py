"""Input forms of the curriculum app. They check the shape of input; rules live in actions."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tutela.accounts.models import Role, User
from tutela.curriculum.models import Provision, ReviewOutcome, Topic

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class LanguagesField(forms.CharField):
    """Language codes typed as "en, fr, ar", cleaned to a list of codes."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [code.strip().lower() for code in re.split(r"[,\s]+", text) if code.strip()]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        unknown = [code for code in value if not LANGUAGE_CODE.match(code)]
        if unknown:
            raise forms.ValidationError(
                _("Not a language code: %(codes)s. Use codes such as en, fr, ar, zh-hans.")
                % {"codes": ", ".join(unknown)},
                code="invalid",
            )

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class CourseForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=30, help_text=_("A short unique code, e.g. CP-101.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class VersionForm(forms.Form):
    """The fields of a version a draft may change (also used to start a new version)."""

    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What participants will be able to do; required before review."),
    )
    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        help_text=_("Language codes, separated by commas: en, fr, ar."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class NewVersionForm(VersionForm):
    copy_modules = forms.BooleanField(
        label=_("Copy the modules of the latest version"), required=False, initial=True
    )

    def __init__(self, *args: Any, latest_number: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if latest_number is None:
            del self.fields["copy_modules"]
        else:
            self.fields["copy_modules"].label = _(
                "Copy the modules, summary and outcomes of version %(n)s"
            ) % {"n": latest_number}


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    hours = forms.DecimalField(label=_("Hours"), max_digits=5, decimal_places=1)
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes"), widget=forms.Textarea(attrs={"rows": 3})
    )
    methods = forms.CharField(
        label=_("Methods"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How it is taught: lecture, case study, role play…"),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl or ⌘ to choose several."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("", "—"),
            (ReviewOutcome.APPROVED, _("Approve")),
            (ReviewOutcome.CHANGES_REQUESTED, _("Request changes")),
            (ReviewOutcome.REJECTED, _("Reject")),
        ],
    )
    comments = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Against the standards catalogue: what meets it, what must change."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class LinkForm(forms.Form):
    provision = forms.CharField(
        label=_("Provision"),
        max_length=60,
        help_text=_(
            "Its code, such as UN-BPUFF-1990:P13 (suggestions and the catalogue list them)."
        ),
    )
    how = forms.CharField(
        label=_("How the module covers it"),
        max_length=500,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].widget.attrs["list"] = "provision-codes"
        _bootstrap(self)

    def clean_provision(self) -> Provision:
        code = self.cleaned_data["provision"].strip()
        provision = Provision.objects.select_related("standard").filter(code=code).first()
        if provision is None:
            raise forms.ValidationError(_("No provision has the code %(code)s.") % {"code": code})
        return provision


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=User.objects.filter(role=Role.REVIEWER, is_active=True).order_by("username"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)
