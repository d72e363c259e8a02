"""Shapes of the vetting API. Restricted evidence is present only in answers to analysts."""

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import SerializationInfo, SerializerFunctionWrapHandler, model_serializer

from tutela.accounts.schemas import Id
from tutela.vetting.models import Alert, Decision, Outcome


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


class AlertOut(Schema):
    id: int
    subject: str = Field(description="officer or unit")
    officer_id: int | None
    unit_id: int | None
    subject_name: str
    list_name: str = Field(description="The watchlist the listed entry is on.")
    entity_id: str = Field(description="The list's own identifier, prefixed by its format.")
    listed_name: str
    score: float = Field(description="0–1; alerts open at the alert threshold and above.")
    explanation: str = Field(description="Aligned name parts and each feature's contribution.")
    status: str
    status_label: str
    created_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    reason: str
    decisions: list[int] = Field(description="Ids of the vetting decisions citing this alert.")

    @staticmethod
    def resolve_subject(obj: Alert) -> str:
        return obj.subject_kind

    @staticmethod
    def resolve_subject_name(obj: Alert) -> str:
        return str(obj.officer.name_latin if obj.officer_id else obj.unit)  # type: ignore[union-attr]

    @staticmethod
    def resolve_list_name(obj: Alert) -> str:
        return obj.watchlist.name

    @staticmethod
    def resolve_listed_name(obj: Alert) -> str:
        return obj.entry.primary_name

    @staticmethod
    def resolve_explanation(obj: Alert) -> str:
        return str(obj.explanation.get("text", ""))

    @staticmethod
    def resolve_status_label(obj: Alert) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_decided_by(obj: Alert) -> str | None:
        return str(obj.decided_by) if obj.decided_by_id else None

    @staticmethod
    def resolve_decisions(obj: Alert) -> list[int]:
        return sorted(decision.pk for decision in obj.decisions.all())  # type: ignore[attr-defined]


class AlertDecisionIn(Schema):
    reason: str = Field(..., min_length=1, description="Why: readable by oversight.")
