"""Forms of the records app: the shape of an upload (the action reads and checks the files)."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from tutela.activities.forms import BootstrapForm

MAX_FILES = 30


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] or [single(None, initial)]
        return [single(data, initial)]


class RecordUploadForm(BootstrapForm):
    tables = MultipleFileField(
        label=_("Training-records tables"),
        help_text=_(
            "One or more Foreign Military Training Report tables (TSV or CSV, plain or .gz), "
            "with the columns fiscal_report, country, program, course_title, us_unit, "
            "student_unit, start_date, end_date, location, quantity and total_cost."
        ),
    )

    def clean_tables(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["tables"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %(n)d files at a time.") % {"n": MAX_FILES})
        return files
