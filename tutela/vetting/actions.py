"""Recording vetting decisions and importing the watchlists they are checked against."""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.lib.watchlists import (
    READERS,
    Problem,
    ReadReport,
    WatchlistError,
    entity_hash,
    fingerprint,
    read,
)
from tutela.matching.entities import Entity
from tutela.matching.score import Match
from tutela.matching.screener import Screener
from tutela.nominations.models import NominationStatus, Officer
from tutela.partners.models import Unit
from tutela.vetting.models import (
    WATCHLIST_FORMATS,
    Alert,
    AlertStatus,
    Change,
    Decision,
    ListedEntry,
    ListVersion,
    Outcome,
    RescreenRun,
    RescreenStatus,
    Watchlist,
)
from tutela.vetting.screening import (
    ALERT_THRESHOLD,
    CurrentLists,
    ListedRef,
    VersionKey,
    current_lists,
    officer_query,
    unit_query,
)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_valid_until(valid_from: dt.date) -> dt.date:
    return add_months(valid_from, settings.VETTING_VALIDITY_MONTHS) - dt.timedelta(days=1)


@transaction.atomic
def decide_vetting(
    *,
    by: User,
    outcome: str,
    reason: str,
    sources: str,
    officer: Officer | None = None,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    evidence: str = "",
    is_publishable: bool = False,
    alerts: Sequence[Alert] = (),
) -> Decision:
    """Record a decision on an officer or a unit. The latest decision on a subject is current.

    A decision cites the screening alerts it rests on (`alerts`, each about the same subject and
    already dismissed or confirmed). Clearing is refused while an alert on the subject is open,
    and a clearance must cite every confirmed alert on the subject that no decision cites yet:
    clearing someone who matches a list needs that match on the record.
    """
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts record vetting decisions."))
    if (officer is None) == (unit is None):
        raise ActionError(_("A decision is about one officer or one unit."))
    if outcome not in Outcome.values:
        raise ActionError(_("Unknown outcome."), field="outcome")
    if not reason.strip():
        raise ActionError(_("Give the reason for the decision."), field="reason")
    if not sources.strip():
        raise ActionError(_("Name the sources checked."), field="sources")
    valid_from = valid_from or timezone.localdate()
    valid_until = valid_until or default_valid_until(valid_from)
    if valid_until < valid_from:
        raise ActionError(
            _("The validity date must not be before the start date."), field="valid_until"
        )
    if is_publishable and (unit is None or outcome != Outcome.NOT_CLEARED):
        raise ActionError(
            _("Only a unit that is not cleared can be published in the register."),
            field="is_publishable",
        )
    _check_cited_alerts(alerts, outcome=outcome, officer=officer, unit=unit)
    decision = Decision.objects.create(
        officer=officer,
        unit=unit,
        outcome=outcome,
        reason=reason.strip(),
        sources=sources.strip(),
        evidence=evidence.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        is_publishable=is_publishable,
        decided_by=by,
        decided_at=timezone.now(),
    )
    if alerts:
        decision.alerts.set(alerts)
    # The audit data carries no evidence: the chain is readable by oversight.
    record_event(
        by,
        "vetting.decided",
        decision,
        {
            "subject": decision.subject_kind,
            "subject_id": (officer or unit).pk,  # type: ignore[union-attr]
            "outcome": outcome,
            "valid_from": valid_from.isoformat(),
            "valid_until": valid_until.isoformat(),
            "publishable": is_publishable,
            "alerts": sorted(alert.pk for alert in alerts),
        },
    )
    return decision


def _check_cited_alerts(
    alerts: Sequence[Alert], *, outcome: str, officer: Officer | None, unit: Unit | None
) -> None:
    subject = {"officer": officer} if officer is not None else {"unit": unit}
    for alert in alerts:
        if (officer is not None and alert.officer_id != officer.pk) or (
            unit is not None and alert.unit_id != unit.pk
        ):
            raise ActionError(
                _("Alert %(id)d is not about this %(subject)s.")
                % {"id": alert.pk, "subject": _("officer") if officer else _("unit")},
                field="alerts",
            )
        if alert.is_open:
            raise ActionError(
                _("Alert %(id)d is still open: dismiss or confirm it before citing it.")
                % {"id": alert.pk},
                field="alerts",
            )
    if outcome != Outcome.CLEARED:
        return
    open_count = Alert.objects.open().filter(**subject).count()
    if open_count:
        raise ActionError(
            _(
                "%(count)d screening alert(s) on this subject are open: dismiss or confirm "
                "them before clearing."
            )
            % {"count": open_count},
            field="outcome",
        )
    cited = {alert.pk for alert in alerts}
    uncited = (
        Alert.objects.filter(status=AlertStatus.CONFIRMED, decisions__isnull=True, **subject)
        .exclude(pk__in=cited)
        .values_list("pk", flat=True)
    )
    missing = sorted(uncited)
    if missing:
        raise ActionError(
            _("A clearance must cite the confirmed alert(s) %(ids)s on this subject.")
            % {"ids": ", ".join(str(pk) for pk in missing)},
            field="alerts",
        )


# --- Watchlists ------------------------------------------------------------------------------

ENTRY_BATCH = 1000  # entries per bulk insert; progress is reported after each batch


class WatchlistRejected(ActionError):
    """The files are malformed: `problems` lists every bad row (file, line, reason)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        count = len(problems)
        super().__init__(
            _("%(count)d problem(s) in the files; nothing was imported.") % {"count": count},
            field="files",
        )
        self.problems = list(problems)


def _checksum(paths: list[Path]) -> str:
    """The fingerprint of the files, whatever order they were given in (OFAC's three files
    are told apart by their columns, so the order does not change what is read)."""
    return fingerprint(sorted(paths, key=lambda path: fingerprint(path)))


def import_watchlist(
    *,
    format: str,
    paths: Iterable[str | Path],
    by: User,
    source_date: dt.date | None = None,
    name: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    rescreen: bool = True,
) -> ListVersion:
    """Import a watchlist's files as its new current version, with the diff from the previous one.

    All or nothing: malformed files raise WatchlistRejected with every problem and write nothing.
    Idempotent: files already imported for this watchlist (same checksum) change nothing; the
    existing version is returned with `already_imported` set. `progress(done, total)` is called
    as entries are stored. Once committed, a re-screening against what the version added or
    changed is enqueued, unless `rescreen` is False (a caller that screens by itself)."""
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts import watchlists."))
    if format not in READERS:
        raise ActionError(_("Unknown watchlist format."), field="format")
    files = [Path(p) for p in paths]
    if not files:
        raise ActionError(_("Give the list's files."), field="files")
    name = (name or "").strip() or WATCHLIST_FORMATS[format]
    try:
        checksum = _checksum(files)
    except OSError as exc:
        raise ActionError(
            _("Cannot read %(file)s: %(reason)s")
            % {"file": Path(exc.filename or "").name, "reason": exc.strerror},
            field="files",
        ) from exc
    existing = _existing_version(format, name, checksum)
    if existing is not None:
        return existing
    report = ReadReport()
    try:
        # Read before the transaction: a large list takes seconds and is checked in full first.
        entities = list(read(format, files, report))
    except WatchlistError as exc:
        raise WatchlistRejected(exc.problems) from exc
    return _store_version(
        format=format,
        name=name,
        checksum=checksum,
        files=[p.name for p in files],
        report=report,
        entities=entities,
        by=by,
        source_date=source_date,
        progress=progress,
        rescreen=rescreen,
    )


def _existing_version(format: str, name: str, checksum: str) -> ListVersion | None:
    version = (
        ListVersion.objects.select_related("watchlist")
        .filter(watchlist__format=format, watchlist__name=name, checksum=checksum)
        .first()
    )
    if version is not None:
        version.already_imported = True
    return version


@transaction.atomic
def _store_version(
    *,
    format: str,
    name: str,
    checksum: str,
    files: list[str],
    report: ReadReport,
    entities: list[Entity],
    by: User,
    source_date: dt.date | None,
    progress: Callable[[int, int], None] | None,
    rescreen: bool,
) -> ListVersion:
    watchlist, _created = Watchlist.objects.get_or_create(format=format, name=name)
    watchlist = Watchlist.objects.select_for_update().get(pk=watchlist.pk)
    # Checked again under the lock: another import of the same files may have just finished.
    existing = _existing_version(format, name, checksum)
    if existing is not None:
        return existing
    previous = watchlist.versions.filter(is_current=True).first()
    before: dict[str, str] = {}
    if previous is not None:
        before = dict(previous.entries.values_list("entity_id", "content_hash"))
    after = {entity.entity_id: entity_hash(entity) for entity in entities}
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed = sorted(k for k in after.keys() & before.keys() if after[k] != before[k])
    if previous is not None:
        watchlist.versions.filter(is_current=True).update(is_current=False)
    version = ListVersion.objects.create(
        watchlist=watchlist,
        previous=previous,
        imported_at=timezone.now(),
        imported_by=by,
        source_date=source_date,
        checksum=checksum,
        files=files,
        counts=report.summary(),
        entity_count=len(entities),
        added_count=len(added),
        removed_count=len(removed),
        changed_count=len(changed),
        added_ids=added,
        removed_ids=removed,
        changed_ids=changed,
        is_current=True,
    )
    added_set, changed_set = set(added), set(changed)
    rows = [
        ListedEntry.from_entity(
            entity,
            version=version,
            content_hash=after[entity.entity_id],
            change=(
                Change.ADDED
                if entity.entity_id in added_set
                else Change.CHANGED
                if entity.entity_id in changed_set
                else Change.UNCHANGED
            ),
        )
        for entity in entities
    ]
    total = len(rows)
    for start in range(0, total, ENTRY_BATCH):
        ListedEntry.objects.bulk_create(rows[start : start + ENTRY_BATCH])
        if progress is not None:
            progress(min(start + ENTRY_BATCH, total), total)
    # Counts and the checksum only: the entries themselves stay out of the audit chain.
    record_event(
        by,
        "watchlist.imported",
        version,
        {
            "watchlist": watchlist.name,
            "format": format,
            "checksum": checksum,
            "source_date": source_date.isoformat() if source_date else None,
            "files": len(files),
            "entities": total,
            "added": len(added),
            "removed": len(removed),
            "changed": len(changed),
            "previous_version": previous.pk if previous is not None else None,
        },
    )
    if rescreen:
        transaction.on_commit(lambda: _enqueue_rescreen(version.pk))
    return version


# --- Alerts ----------------------------------------------------------------------------------

ALERT_CANDIDATES = 5  # listed entries considered per screened officer or unit


def screen_officer_and_unit(officer: Officer, *, by: User | None = None) -> list[Alert]:
    """Screen the officer and their unit against the current lists and open an alert for each
    listed entry scoring at least the alert threshold, unless that pair's alert is open, or was
    decided on while the entry had the same content. Returns the alerts opened; the screening is
    audited with its counts (`by` None: the system, e.g. the worker)."""
    officer = Officer.objects.select_related(
        "nationality", "unit__agency__partner__country", "unit__parent"
    ).get(pk=officer.pk)
    unit = officer.unit
    lists = current_lists()  # outside the transaction: the first build takes seconds
    found: list[tuple[Officer | Unit, Match, ListedRef]] = []
    if lists.refs:
        for subject, query in ((officer, officer_query(officer)), (unit, unit_query(unit))):
            for match, ref in lists.screen(query, top=ALERT_CANDIDATES, min_score=ALERT_THRESHOLD):
                found.append((subject, match, ref))
    return _open_alerts(officer, found, lists.versions, by=by)


@transaction.atomic
def _open_alerts(
    officer: Officer,
    found: list[tuple[Officer | Unit, Match, ListedRef]],
    versions: tuple[VersionKey, ...],
    *,
    by: User | None,
    audit_empty: bool = True,
    context: dict[str, object] | None = None,
) -> list[Alert]:
    """Open an alert for each (subject, match, entry) found, unless that pair's alert is open or
    was decided on while the entry read the same; audited as `officer.screened` (with `context`
    added to its data). `audit_empty` False: a screening that found nothing is not recorded
    (re-screening every officer records only those with candidates, and its run)."""
    Officer.objects.select_for_update().filter(pk=officer.pk).first()  # one screening at a time
    opened: list[Alert] = []
    already_open = already_decided = 0
    for subject, match, ref in found:
        is_officer = isinstance(subject, Officer)
        officer_id, unit_id = (subject.pk, None) if is_officer else (None, subject.pk)
        earlier = Alert.objects.for_pair(
            watchlist_id=ref.watchlist_id,
            entity_id=ref.entity_id,
            officer_id=officer_id,
            unit_id=unit_id,
        )
        if earlier.open().exists():
            already_open += 1
            continue
        if earlier.filter(content_hash=ref.content_hash).exists():
            already_decided += 1  # dismissed or confirmed while the entry read the same
            continue
        opened.append(
            Alert.objects.create(
                officer_id=officer_id,
                unit_id=unit_id,
                entry_id=ref.entry_id,
                version_id=ref.version_id,
                watchlist_id=ref.watchlist_id,
                entity_id=ref.entity_id,
                content_hash=ref.content_hash,
                score=match.score,
                explanation={**match.as_dict(), "text": match.explain()},
            )
        )
    if not found and not audit_empty:
        return opened
    record_event(
        by,
        "officer.screened",
        officer,
        {
            "unit": officer.unit_id,
            "versions": [pk for pk, _checksum, _at in versions],
            "candidates": len(found),
            "opened": len(opened),
            "already_open": already_open,
            "already_decided": already_decided,
            "alerts": [alert.pk for alert in opened],
            **(context or {}),
        },
    )
    return opened


def dismiss_alert(alert: Alert, *, reason: str, by: User) -> Alert:
    """The listed entry is not the officer or unit: close the alert with the reason."""
    return _decide_alert(alert, AlertStatus.DISMISSED, reason=reason, by=by)


def confirm_alert(alert: Alert, *, reason: str, by: User) -> Alert:
    """The listed entry is the officer or unit: close the alert as a match, with the reason."""
    return _decide_alert(alert, AlertStatus.CONFIRMED, reason=reason, by=by)


@transaction.atomic
def _decide_alert(alert: Alert, status: str, *, reason: str, by: User) -> Alert:
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts decide on alerts."))
    if not reason.strip():
        raise ActionError(_("Give the reason for the decision on this alert."), field="reason")
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if not alert.is_open:
        raise Conflict(
            _("This alert was already decided: %(status)s.")
            % {"status": alert.get_status_display()}
        )
    alert.status = status
    alert.reason = reason.strip()
    alert.decided_by = by
    alert.decided_at = timezone.now()
    alert.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    record_event(
        by,
        f"alert.{status}",
        alert,
        {
            "subject": alert.subject_kind,
            "subject_id": alert.officer_id or alert.unit_id,
            "watchlist": alert.watchlist_id,
            "entity_id": alert.entity_id,
            "content_hash": alert.content_hash,
            "score": round(alert.score, 3),
        },
    )
    return alert


# --- Re-screening ----------------------------------------------------------------------------

RESCREEN_PROGRESS_EVERY = 100  # officers screened between two progress updates of the run
RESCREENED_STATUSES = (
    NominationStatus.NOMINATED,
    NominationStatus.ENROLLED,
    NominationStatus.COMPLETED,
)
ENROLLED_STATUSES = (NominationStatus.ENROLLED, NominationStatus.COMPLETED)


def _enqueue_rescreen(version_id: int) -> None:
    from tutela.vetting.tasks import rescreen_version  # the tasks import these actions

    rescreen_version.enqueue(version_id=version_id)


def _lists_for_version(version: ListVersion) -> CurrentLists:
    """An index over only the entries that `version` added or changed: small, built in a moment,
    and alerts raised from it point to the version's entries as a full screening's would."""
    watchlist = version.watchlist
    refs: dict[str, ListedRef] = {}
    entities: list[Entity] = []
    entries = ListedEntry.objects.filter(
        version=version, change__in=[Change.ADDED, Change.CHANGED]
    ).order_by("pk")
    for entry in entries.iterator(chunk_size=2000):
        key = str(entry.pk)
        refs[key] = ListedRef(
            entry_id=entry.pk,
            entity_id=entry.entity_id,
            version_id=version.pk,
            watchlist_id=watchlist.pk,
            list_name=watchlist.name,
            content_hash=entry.content_hash,
        )
        entities.append(replace(entry.to_entity(), entity_id=key))
    version_key: VersionKey = (version.pk, version.checksum, version.imported_at)
    return CurrentLists((version_key,), Screener.build(entities), refs)


@transaction.atomic
def request_rescreen(*, by: User) -> RescreenRun:
    """Queue a re-screening of everyone against every current list in full, for the worker; the
    run's row shows it waiting, then its progress. One queued or running full run at a time."""
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts start a re-screening."))
    busy = RescreenRun.objects.select_for_update().filter(
        version__isnull=True, status__in=[RescreenStatus.QUEUED, RescreenStatus.RUNNING]
    )
    if busy.exists():
        raise Conflict(_("A full re-screening is already waiting or running."))
    run = RescreenRun.objects.create(
        started_by=by, started_at=timezone.now(), status=RescreenStatus.QUEUED
    )
    record_event(by, "rescreen.requested", run, {"version": None})
    transaction.on_commit(lambda: _enqueue_queued_rescreen(run.pk))
    return run


def _enqueue_queued_rescreen(run_id: int) -> None:
    from tutela.vetting.tasks import run_queued_rescreen  # the tasks import these actions

    run_queued_rescreen.enqueue(run_id=run_id)


def rescreen(
    *,
    version: ListVersion | None = None,
    by: User | None = None,
    progress: Callable[[int, int], None] | None = None,
    run: RescreenRun | None = None,
) -> RescreenRun:
    """Screen again every officer with a pending, enrolled or completed nomination, and their
    units, against what `version` added or changed (every current list in full when None), and
    open alerts as a nomination's screening does. The returned `RescreenRun` counts the officers
    screened, the alerts opened and the enrolments affected (enrolled or completed officers with
    a new alert on them or their unit); its row is updated every RESCREEN_PROGRESS_EVERY officers
    and `progress(done, total)` called. `by` None: the system (the worker, the command). `run`: a
    queued run (request_rescreen) to carry out, instead of a new one."""
    if by is not None and not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts start a re-screening."))
    # Outside any transaction: the full index takes seconds to build the first time.
    lists = _lists_for_version(version) if version is not None else current_lists()
    officers = Officer.objects.filter(nominations__status__in=RESCREENED_STATUSES).distinct()
    officer_ids = list(officers.order_by("pk").values_list("pk", flat=True))
    enrolled = set(
        Officer.objects.filter(nominations__status__in=ENROLLED_STATUSES).values_list(
            "pk", flat=True
        )
    )
    run = _start_rescreen(version, by, total=len(officer_ids), entries=len(lists.refs), run=run)
    try:
        _rescreen_officers(run, lists, officer_ids, enrolled, by=by, progress=progress)
    except Exception as error:
        _finish_rescreen(run, by=by, error=f"{type(error).__name__}: {error}")
        raise
    return _finish_rescreen(run, by=by)


def _rescreen_officers(
    run: RescreenRun,
    lists: CurrentLists,
    officer_ids: list[int],
    enrolled: set[int],
    *,
    by: User | None,
    progress: Callable[[int, int], None] | None,
) -> None:
    unit_matches: dict[int, list[tuple[Match, ListedRef]]] = {}  # a unit is screened once
    alerted_units: set[int] = set()
    context: dict[str, object] = {"rescreen": run.pk}
    total = len(officer_ids)
    for start in range(0, total, RESCREEN_PROGRESS_EVERY):
        chunk = Officer.objects.select_related(
            "nationality", "unit__agency__partner__country", "unit__parent"
        ).filter(pk__in=officer_ids[start : start + RESCREEN_PROGRESS_EVERY])
        for officer in chunk.order_by("pk"):
            found: list[tuple[Officer | Unit, Match, ListedRef]] = []
            if lists.refs:
                query = officer_query(officer)
                for match, ref in lists.screen(
                    query, top=ALERT_CANDIDATES, min_score=ALERT_THRESHOLD
                ):
                    found.append((officer, match, ref))
                if officer.unit_id not in unit_matches:
                    unit_matches[officer.unit_id] = lists.screen(
                        unit_query(officer.unit), top=ALERT_CANDIDATES, min_score=ALERT_THRESHOLD
                    )
                found.extend((officer.unit, m, r) for m, r in unit_matches[officer.unit_id])
            opened = (
                _open_alerts(
                    officer, found, lists.versions, by=by, audit_empty=False, context=context
                )
                if found
                else []
            )
            alerted_units.update(a.unit_id for a in opened if a.unit_id is not None)
            run.alerts += len(opened)
            if officer.pk in enrolled and (opened or officer.unit_id in alerted_units):
                run.affected += 1
            run.done += 1
        RescreenRun.objects.filter(pk=run.pk).update(
            done=run.done, alerts=run.alerts, affected=run.affected
        )
        if progress is not None:
            progress(run.done, total)


@transaction.atomic
def _start_rescreen(
    version: ListVersion | None,
    by: User | None,
    *,
    total: int,
    entries: int,
    run: RescreenRun | None = None,
) -> RescreenRun:
    if run is None:
        run = RescreenRun(version=version, started_by=by)
    elif run.status != RescreenStatus.QUEUED:
        raise Conflict(_("This re-screening has already run."))
    run.status = RescreenStatus.RUNNING
    run.started_at = timezone.now()
    run.total, run.entries = total, entries
    run.save()
    record_event(
        by,
        "rescreen.started",
        run,
        {"version": version.pk if version else None, "officers": total, "entries": entries},
    )
    return run


@transaction.atomic
def _finish_rescreen(run: RescreenRun, *, by: User | None, error: str = "") -> RescreenRun:
    run.status = RescreenStatus.FAILED if error else RescreenStatus.FINISHED
    run.error = error
    run.finished_at = timezone.now()
    run.save(
        update_fields=["status", "error", "finished_at", "done", "alerts", "affected"],
    )
    record_event(
        by,
        f"rescreen.{run.status}",
        run,
        {
            "version": run.version_id,
            "officers": run.total,
            "screened": run.done,
            "alerts": run.alerts,
            "affected": run.affected,
            **({"error": error} if error else {}),
        },
    )
    return run
