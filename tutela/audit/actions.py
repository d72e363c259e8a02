"""Writing to and checking the audit chain."""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, models, transaction
from django.utils import timezone

from tutela.audit.models import GENESIS_HASH, Event

# An arbitrary constant that names the audit chain's advisory lock on PostgreSQL.
_CHAIN_LOCK_KEY = 7_340_101


def _lock_chain() -> None:
    """Serialise appends: one writer at a time extends the chain.

    SQLite already serialises writers (IMMEDIATE transactions); PostgreSQL takes a transaction-level
    advisory lock, released at commit.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _jsonable(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so the stored value hashes the same after it is read back.
    return json.loads(json.dumps(data or {}, default=str, ensure_ascii=False))


def _actor_label(by: Any) -> str:
    if by is None:
        return "system"
    return str(getattr(by, "username", None) or by)


def record_event(
    by: Any, verb: str, obj: models.Model | None = None, data: dict[str, Any] | None = None
) -> Event:
    """Append one event to the chain. Call inside the transaction that makes the change."""
    return record_events(by, [(verb, obj, data)])[0]


def record_events(
    by: Any, items: Iterable[tuple[str, models.Model | None, dict[str, Any] | None]]
) -> list[Event]:
    """Append several events at once (bulk loads): one lock, one query for the chain head."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the transaction that makes the change.")
    _lock_chain()
    head = Event.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, prev_hash = head if head else (0, GENESIS_HASH)
    now = timezone.now()
    actor_id = getattr(by, "pk", None)
    events = []
    for verb, obj, data in items:
        sequence += 1
        event = Event(
            sequence=sequence,
            occurred_at=now,
            actor_id=actor_id,
            actor_label=_actor_label(by),
            verb=verb,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            data=_jsonable(data),
            prev_hash=prev_hash,
        )
        event.hash = event.compute_hash()
        prev_hash = event.hash
        events.append(event)
    Event.objects.bulk_create(events, batch_size=1000)
    return events


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    head_sequence: int
    head_hash: str
    broken_sequence: int | None = None
    reason: str = ""


def iter_chain(batch: int = 2000) -> Iterator[Event]:
    last = 0
    while True:
        rows = list(Event.objects.filter(sequence__gt=last).order_by("sequence")[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1].sequence


def verify_chain() -> ChainReport:
    """Recompute every hash and link; report the first event where the chain breaks."""
    prev_hash = GENESIS_HASH
    expected = 1
    checked = 0
    for event in iter_chain():
        if event.sequence != expected:
            return ChainReport(
                False,
                checked,
                expected - 1,
                prev_hash,
                expected,
                f"event #{expected} is missing (next stored is #{event.sequence})",
            )
        if event.prev_hash != prev_hash:
            return ChainReport(
                False,
                checked,
                event.sequence - 1,
                prev_hash,
                event.sequence,
                "its previous-hash does not match the hash of the event before it",
            )
        if event.compute_hash() != event.hash:
            return ChainReport(
                False,
                checked,
                event.sequence - 1,
                prev_hash,
                event.sequence,
                "its contents do not match its hash (the event was edited)",
            )
        prev_hash = event.hash
        expected += 1
        checked += 1
    return ChainReport(True, checked, expected - 1, prev_hash)


def chain_head() -> Event | None:
    """The latest event: its sequence names the current state of every record."""
    return Event.objects.order_by("-sequence").only("sequence", "hash").first()


def cached_for_head[T](head: Event | None, key: str, compute: Callable[[], T]) -> T:
    """`compute()`, cached until the next audit event.

    Every state change appends an event in its own transaction, so the chain head's hash
    identifies the state of the records: a figure cached under it stays exact until something
    changes. Call only from read-only requests (never inside a transaction that writes)."""
    full_key = f"tutela:{key}:{head.hash if head else GENESIS_HASH}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=24 * 3600)
    return value
