"""Forms of the activities app. They check the shape of input only; actions apply the rules."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tutela.accounts.models import Role, User
from tutela.activities.models import Activity, ActivityStatus, Mode
from tutela.curriculum.models import CourseVersion
from tutela.lib.errors import ActionError
from tutela.partners.models import Country, HostInstitution, Partner

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


class BootstrapForm(forms.Form):
    """Adds Bootstrap classes to every widget, and turns an action's refusal into form errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def add_action_error(self, error: ActionError) -> None:
        """Show the action's message on its field if the form has that field, else above it."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


def staff_candidates() -> Any:
    """People who may direct or staff an activity: instructors and consultants."""
    return User.objects.filter(
        role__in=[Role.INSTRUCTOR, Role.CONSULTANT], is_active=True
    ).order_by("last_name", "first_name", "username")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActivityForm(BootstrapForm):
    code = forms.CharField(label=_("Code"), max_length=30)
    title = forms.CharField(label=_("Title"), max_length=200)
    mode = forms.ChoiceField(label=_("Delivery mode"), choices=Mode.choices)
    course_version = forms.ModelChoiceField(
        label=_("Course version"),
        queryset=CourseVersion.objects.approved().select_related("course"),
        required=False,
        empty_label=_("— none (exchange placements only) —"),
        help_text=_("Only approved course versions can be scheduled."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        help_text=_("Where the activity takes place; for a consultant mission, the destination."),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    host_institution = forms.ModelChoiceField(
        label=_("Host institution"), queryset=HostInstitution.objects.all(), required=False
    )
    capacity = forms.IntegerField(label=_("Capacity (seats)"), min_value=1)
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("Language codes separated by commas, e.g. en, fr, ar."),
    )
    director = forms.ModelChoiceField(
        label=_("Course director"), queryset=staff_candidates(), required=False
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Instructors or consultants"), queryset=staff_candidates(), required=False
    )
    seat_floor = forms.IntegerField(
        label=_("Seat floor"),
        min_value=0,
        initial=0,
        help_text=_("Seats every requesting partner receives first (never more than it asked)."),
    )
    seat_cap = forms.IntegerField(
        label=_("Seat cap"),
        min_value=1,
        required=False,
        help_text=_("Most seats any one partner may receive. Empty: no cap."),
    )

    def clean_languages(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["languages"].lower()) if c]
        bad = [c for c in codes if not _LANGUAGE_CODE.match(c)]
        if bad:
            raise forms.ValidationError(
                _("Not a language code: %(codes)s."), params={"codes": ", ".join(bad)}
            )
        return list(dict.fromkeys(codes))


class StatusForm(BootstrapForm):
    status = forms.ChoiceField(label=_("New status"), choices=ActivityStatus.choices)


class StaffForm(BootstrapForm):
    director = forms.ModelChoiceField(
        label=_("Course director"), queryset=staff_candidates(), required=False
    )
    staff = forms.ModelMultipleChoiceField(
        label=_("Instructors or consultants"), queryset=staff_candidates(), required=False
    )

    @classmethod
    def for_activity(cls, activity: Activity) -> "StaffForm":
        return cls(initial={"director": activity.director, "staff": list(activity.staff.all())})


class SeatRequestForm(BootstrapForm):
    """A liaison's request for their own partner; the secretariat also picks the partner."""

    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.active())
    seats = forms.IntegerField(label=_("Seats requested"), min_value=1)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not user.is_secretariat:
            del self.fields["partner"]


class SeatRulesForm(BootstrapForm):
    seat_floor = forms.IntegerField(
        label=_("Seat floor"),
        min_value=0,
        help_text=_("Seats every requesting partner receives first (never more than it asked)."),
    )
    seat_cap = forms.IntegerField(
        label=_("Seat cap"),
        min_value=1,
        required=False,
        help_text=_("Most seats any one partner may receive. Empty: no cap."),
    )

    @classmethod
    def for_activity(cls, activity: Activity) -> "SeatRulesForm":
        return cls(initial={"seat_floor": activity.seat_floor, "seat_cap": activity.seat_cap})
