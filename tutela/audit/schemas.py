"""Shapes of the audit API."""

import datetime as dt
from typing import Any

from ninja import Field, Schema


class EventOut(Schema):
    sequence: int
    occurred_at: dt.datetime
    actor_id: int | None
    actor_label: str
    verb: str
    object_type: str
    object_id: str
    object_repr: str
    data: dict[str, Any]
    prev_hash: str
    hash: str


class ChainReportOut(Schema):
    ok: bool = Field(description="True when every hash and link recomputes.")
    checked: int = Field(description="Events checked.")
    head_sequence: int = Field(description="Sequence of the last good event.")
    head_hash: str = Field(description="Hash of the last good event: the chain head.")
    broken_sequence: int | None = Field(description="The first event where the chain breaks.")
    reason: str
