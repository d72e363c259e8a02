"""Input forms of the pledges app. They check the shape of input; rules live in actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tutela.lib.countries import regions
from tutela.partners.models import Country
from tutela.pledges.models import Pledge, Scope

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class PledgeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_('As announced, e.g. "5,000 training opportunities, 2025–2029".'),
    )
    opportunities = forms.IntegerField(label=_("Training opportunities"))
    starts_on = forms.DateField(label=_("Starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices, initial=Scope.WORLD)
    region_code = forms.ChoiceField(
        label=_("Region"), required=False, help_text=_("For a regional pledge (UN M49 region).")
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("For a country pledge."),
    )
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Pledge.objects.none(),
        required=False,
        help_text=_('For a reserved share such as "1,000 for Africa" within a larger pledge.'),
    )
    announced_on = forms.DateField(label=_("Announced on"), required=False, widget=DATE)
    source = forms.CharField(
        label=_("Source"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the pledge was made (statement, agreement…)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = [("", "—"), *regions()]  # type: ignore[attr-defined]
        self.fields["parent"].queryset = Pledge.objects.order_by("starts_on", "title")  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
