"""Shapes of the vetting API. Restricted evidence is present only in answers to analysts."""

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import SerializationInfo, SerializerFunctionWrapHandler, model_serializer

from tutela.accounts.schemas import Id
from tutela.vetting.models import Decision, Outcome


def _is_analyst(context: dict[str, Any] | None) -> bool:
    request = (context or {}).get("request")
    return bool(getattr(getattr(request, "auth", None), "may_see_restricted_evidence", False))


class DecisionOut(Schema):
    id: int
    subject: str = Field(description="officer or unit")
    officer_id: int | None
    unit_id: int | None
    subject_name: str
    outcome: str
    outcome_label: str
    reason: str
    sources: str
    valid_from: dt.date
    valid_until: dt.date
    is_publishable: bool
    decided_by: str
    decided_at: dt.datetime
    alerts: list[int] = Field(description="Ids of the screening alerts the decision cites.")
    evidence: str | None = Field(
        None, description="Restricted evidence: present only for vetting analysts."
    )

    @staticmethod
    def resolve_subject(obj: Decision) -> str:
        return obj.subject_kind

    @staticmethod
    def resolve_subject_name(obj: Decision) -> str:
        return str(obj.officer.name_latin if obj.officer_id else obj.unit)  # type: ignore[union-attr]

    @staticmethod
    def resolve_outcome_label(obj: Decision) -> str:
        return str(obj.get_outcome_display())

    @staticmethod
    def resolve_alerts(obj: Decision) -> list[int]:
        return sorted(alert.pk for alert in obj.alerts.all())

    @staticmethod
    def resolve_decided_by(obj: Decision) -> str:
        return str(obj.decided_by)

    @staticmethod
    def resolve_evidence(obj: Decision, context: dict[str, Any]) -> str | None:
        # Never read (the column is deferred) unless the user is a vetting analyst.
        return obj.evidence if _is_analyst(context) else None

    # No return annotation on purpose: pydantic would publish the annotation (a bare dict) as the
    # schema instead of the fields above.
    @model_serializer(mode="wrap")
    def _drop_restricted(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo):
        data: dict[str, Any] = handler(self)
        if not _is_analyst(info.context):
            data.pop("evidence", None)
        return data


class DecisionIn(Schema):
    officer: Id | None = Field(None, description="Officer id; give this or `unit`.")
    unit: Id | None = Field(None, description="Unit id; give this or `officer`.")
    outcome: Outcome
    reason: str = Field(..., min_length=1)
    sources: str = Field(..., min_length=1, description="One source per line.")
    evidence: str = Field("", description="Restricted: only analysts ever read it.")
    valid_from: dt.date | None = Field(None, description="Today when omitted.")
    valid_until: dt.date | None = Field(
        None, description="The default validity period from `valid_from` when omitted."
    )
    is_publishable: bool = Field(
        False, description="For a unit not cleared: list it in the public register."
    )
    alerts: list[int] = Field(
        default_factory=list,
        description="Ids of the dismissed or confirmed alerts on this subject that the decision "
        "rests on. A clearance must cite every confirmed alert no earlier decision cites.",
    )
