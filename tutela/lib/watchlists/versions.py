"""Fingerprints of list files and the difference between two versions of a list."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from tutela.matching.entities import Entity

from ._common import PathLike, as_paths


def fingerprint(paths: PathLike | Iterable[PathLike]) -> str:
    """SHA-256 over the files' bytes, in the order given: the same files give the same value,
    so importing them twice can be recognised and changes nothing."""
    digest = hashlib.sha256()
    for path in as_paths(paths):
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def entity_signature(entity: Entity) -> tuple[object, ...]:
    """What makes two versions of an entry the same for screening: kind, names (with quality),
    birth dates, nationalities and programmes, order ignored."""
    births = entity.birth_dates
    return (
        entity.kind.value,
        tuple(sorted((n.text, n.quality.value) for n in entity.names)),
        tuple(sorted((b.year, b.month or 0, b.day or 0, b.year_to or 0) for b in births)),
        tuple(sorted(entity.nationalities)),
        tuple(sorted(entity.programs)),
    )


def entity_hash(entity: Entity) -> str:
    """A short stable hash of `entity_signature`, to store beside an entry and compare later."""
    return hashlib.sha256(repr(entity_signature(entity)).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Diff:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }


def diff(old: Iterable[Entity], new: Iterable[Entity]) -> Diff:
    """Entity ids added, removed and changed (same id, different names, birth dates,
    nationalities or programmes) from `old` to `new`, each sorted."""
    before = {e.entity_id: entity_signature(e) for e in old}
    after = {e.entity_id: entity_signature(e) for e in new}
    return Diff(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=tuple(sorted(before.keys() - after.keys())),
        changed=tuple(sorted(k for k in before.keys() & after.keys() if before[k] != after[k])),
    )
