"""API shapes of the records app."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from tutela.records.models import RecordImport, TrainingRecord


class RecordImportOut(Schema):
    id: int
    file_name: str
    checksum: str = Field(description="SHA-256 of the imported file")
    fiscal_reports: list[str]
    imported_by: str
    imported_at: dt.datetime
    rows_read: int
    rows_imported: int
    rows_set_aside: int
    set_aside: dict[str, int] = Field(description="Rows set aside, by reason")

    @staticmethod
    def resolve_imported_by(obj: RecordImport) -> str:
        return obj.imported_by_name

    @staticmethod
    def resolve_set_aside(obj: RecordImport) -> dict[str, int]:
        return obj.reasons


class TrainingRecordOut(Schema):
    id: int
    source_id: int = Field(description="The import that brought the record in")
    fiscal_report: str = Field(description="The report it was printed in, e.g. 2019_2020")
    region_file: str
    page_number: str
    line: int = Field(description="Line in the imported file (the header is line 1)")
    fiscal_year: int = Field(description="Fiscal year of training")
    kind: str = Field(description="delivery, programme_total or no_activity")
    country: str | None = Field(description="ISO 3166-1 alpha-2 (XK for Kosovo); null: no code")
    country_as_printed: str
    program: str = Field(description="Programme as printed")
    programme: str = Field(description="Programme without year, region or country")
    course_title: str
    delivering_unit: str
    recipient_unit: str
    location: str
    start_date_as_printed: str
    end_date_as_printed: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    quantity_as_printed: str
    quantity: int | None = Field(description="Trainees, when printed as a whole number")
    quantity_status: str = Field(description="number, tbd, not_numeric or empty")
    cost_as_printed: str
    cost: Decimal | None = Field(description="US dollars, when printed as a plain amount")

    @staticmethod
    def resolve_country(obj: TrainingRecord) -> str | None:
        return obj.country.code if obj.country else None


class Figures(Schema):
    deliveries: int = Field(description="Course deliveries (totals lines left out)")
    trainees: int = Field(description="Sum of trainees printed as whole numbers: training places")
    not_counted: int = Field(description="Deliveries whose trainees figure is not a number")


class CountryYearOut(Figures):
    fiscal_year: int
    country: str | None = Field(description="ISO code; null for names without one")
    country_name: str | None
    region_code: str | None = Field(description="UN M49 region code")


class YearOut(Figures):
    fiscal_year: int
    countries: int


class ProgrammeOut(Figures):
    programme: str
    first_year: int
    last_year: int
