"""Re-screening after a list import: only against what the version added or changed, alerts and
affected enrolments counted, progress on the run's row, the command, the runs page."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tutela.audit.models import Event
from tutela.lib.errors import NotAllowed
from tutela.nominations.actions import enrol_nominee
from tutela.testing import clear, make_agency, make_nomination, make_officer, make_unit
from tutela.vetting import actions
from tutela.vetting.actions import import_watchlist, rescreen
from tutela.vetting.management.commands.rescreen import progress_bar
from tutela.vetting.models import Alert, RescreenRun, RescreenStatus

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
CREDIBLE = FIXTURES / "credible" / "credible_list.csv"
NAME = "Jorvan Keteli Ombasso"  # invented, and not on the fixture list
NEW_ROW = f"CR-100,person,{NAME},,,KE,Invented example (fictional).,https://example.org,high\n"
OTHER_ROW = "CR-101,person,Kesto Varumbe Lindqvar,,,KE,Invented.,https://example.org,low\n"


def credible_with(tmp_path: Path, folder: str, *rows: str) -> Path:
    """A copy of the credible-list fixture with `rows` added."""
    path = tmp_path / folder / "credible_list.csv"
    path.parent.mkdir()
    path.write_text(CREDIBLE.read_text(encoding="utf-8") + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def version_1(analyst):
    return import_watchlist(format="credible-csv", paths=[CREDIBLE], by=analyst)


@pytest.fixture
def enrolled(version_1, partner_a, secretariat):
    """An officer of partner A, not listed in version 1, nominated and enrolled."""
    unit = make_unit(make_agency(partner_a), name="Mombasa Marine Unit")
    nomination = make_nomination(officer=make_officer(unit, full_name=NAME, name_latin=NAME))
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    assert not Alert.objects.exists()
    return nomination


def test_a_version_that_lists_an_enrolled_officer_opens_one_alert_and_flags_the_enrolment(
    enrolled, analyst, tmp_path, django_capture_on_commit_callbacks, as_secretariat
):
    path = credible_with(tmp_path, "v2", NEW_ROW)
    with django_capture_on_commit_callbacks(execute=True):  # import → task → re-screening
        version_2 = import_watchlist(format="credible-csv", paths=[path], by=analyst)

    alert = Alert.objects.get()
    assert alert.officer == enrolled.officer and alert.is_open
    assert alert.entity_id == "credible-csv:CR-100" and alert.version == version_2
    run = RescreenRun.objects.get()
    assert run.version == version_2 and run.status == RescreenStatus.FINISHED
    assert (run.entries, run.total, run.done, run.alerts, run.affected) == (1, 1, 1, 1, 1)
    assert run.finished_at is not None
    finished = Event.objects.get(verb="rescreen.finished")
    assert finished.actor_id is None
    assert (finished.data["alerts"], finished.data["affected"]) == (1, 1)
    screened = Event.objects.get(verb="officer.screened")
    assert screened.data["rescreen"] == run.pk and screened.data["alerts"] == [alert.pk]
    assert list(Alert.objects.open().for_officers([enrolled.officer_id])) == [alert]

    page = as_secretariat.get(enrolled.get_absolute_url()).content.decode()
    assert 'data-testid="open-alert-badge"' in page and "open screening alert" in page


def test_the_badge_is_for_vetting_readers_only(enrolled, analyst, tmp_path, as_liaison_a):
    version_2 = import_watchlist(
        format="credible-csv", paths=[credible_with(tmp_path, "v2", NEW_ROW)], by=analyst
    )
    rescreen(version=version_2)
    response = as_liaison_a.get(enrolled.get_absolute_url())
    assert response.status_code == 200
    assert 'data-testid="open-alert-badge"' not in response.content.decode()


def test_a_version_adding_nothing_relevant_opens_nothing(enrolled, analyst, tmp_path):
    version_2 = import_watchlist(
        format="credible-csv", paths=[credible_with(tmp_path, "v2", OTHER_ROW)], by=analyst
    )
    run = rescreen(version=version_2, by=analyst)

    assert not Alert.objects.exists()
    assert (run.entries, run.done, run.alerts, run.affected) == (1, 1, 0, 0)
    assert run.started_by == analyst
    assert not Event.objects.filter(verb="officer.screened").exists()  # nothing found, no noise


def test_only_the_added_or_changed_entries_are_screened(enrolled, analyst, version_1):
    # The officer's unit is listed (CR-003) from version 1 on, but version 1 added it before
    # the officer was nominated: a full re-screening finds it, the version's own finds the same.
    enrolled.officer.unit.name = "Example Rapid Response Battalion"
    enrolled.officer.unit.save()
    run = rescreen(version=version_1)
    assert run.entries == version_1.entity_count  # every entry of a first version is added
    [alert] = Alert.objects.all()
    assert alert.unit == enrolled.officer.unit and run.affected == 1
    # Again: the pair is open, nothing more is raised.
    again = rescreen()
    assert (again.version, again.alerts, again.affected) == (None, 0, 0)


def test_pending_officers_are_screened_but_are_not_affected_enrolments(version_1, analyst):
    make_nomination(officer=make_officer(full_name=NAME, name_latin=NAME))
    make_nomination(officer=make_officer(full_name="Wairimu Njeri Kamau"))
    run = rescreen(version=None)
    assert (run.total, run.alerts, run.affected) == (2, 0, 0)
    officer_ids = [o.pk for o in actions.Officer.objects.all()]
    assert not Alert.objects.open().for_officers(officer_ids).exists()


def test_a_repeat_import_enqueues_no_rescreening(
    version_1, analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        repeat = import_watchlist(format="credible-csv", paths=[CREDIBLE], by=analyst)
    assert repeat.already_imported and callbacks == []


def test_progress_is_stored_every_batch_of_officers(version_1, monkeypatch):
    monkeypatch.setattr(actions, "RESCREEN_PROGRESS_EVERY", 2)
    for _number in range(3):
        make_nomination()
    seen = []

    def progress(done: int, total: int) -> None:
        row = RescreenRun.objects.get()
        seen.append((done, total, row.done, row.status))

    rescreen(version=version_1, progress=progress)
    assert seen == [(2, 3, 2, "running"), (3, 3, 3, "running")]


def test_a_failure_marks_the_run_failed_and_is_audited(version_1, monkeypatch):
    make_nomination(officer=make_officer(full_name=NAME, name_latin=NAME))
    make_nomination(officer=make_officer(make_unit(name="Example Rapid Response Battalion")))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "_open_alerts", broken)
    with pytest.raises(RuntimeError):
        rescreen(version=version_1)
    run = RescreenRun.objects.get()
    assert run.status == RescreenStatus.FAILED and "disk full" in run.error
    assert Event.objects.get(verb="rescreen.failed").data["error"] == run.error


def test_only_analysts_start_a_rescreening(version_1, secretariat):
    with pytest.raises(NotAllowed):
        rescreen(version=version_1, by=secretariat)
    assert not RescreenRun.objects.exists()


# --- The command --------------------------------------------------------------------------------


def test_progress_bar():
    assert progress_bar(500, 1000) == "[#####.....] 500/1,000 officers"
    assert progress_bar(0, 0) == "[##########] 0/0 officers"


def test_command_prints_the_progress_bar_and_the_counts(enrolled, analyst, tmp_path):
    version_2 = import_watchlist(
        format="credible-csv", paths=[credible_with(tmp_path, "v2", NEW_ROW)], by=analyst
    )
    out = io.StringIO()
    call_command("rescreen", "--version", str(version_2.pk), stdout=out)
    text = out.getvalue()
    assert "[##########] 1/1 officers" in text
    assert "1 officers screened against 1 listed entries" in text
    assert "1 alerts opened; 1 enrolments affected" in text
    assert Alert.objects.count() == 1


def test_command_refuses_an_unknown_version(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No list version"):
        call_command("rescreen", "--version", "999", stdout=io.StringIO())


# --- The runs page ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["as_analyst", "as_secretariat", "as_oversight"])
def test_vetting_readers_see_the_runs_with_their_progress(
    enrolled, persona, request, django_assert_max_num_queries
):
    finished = rescreen(version=None)
    running = RescreenRun.objects.create(started_at=finished.started_at, total=1000, done=500)
    client = request.getfixturevalue(persona)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("vetting:rescreen_list"))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="rescreen-{running.pk}"' in page and f'id="rescreen-{finished.pk}"' in page
    assert page.count('hx-trigger="every 2s"') == 1  # only the running run polls
    assert reverse("vetting:rescreen_row", args=[running.pk]) in page
    assert "500 of 1000 officers" in page


def test_the_runs_page_query_count_does_not_grow_with_runs(
    version_1, as_analyst, django_assert_max_num_queries
):
    for _number in range(3):
        rescreen(version=version_1)
    with django_assert_max_num_queries(6):
        assert as_analyst.get(reverse("vetting:rescreen_list")).status_code == 200


def test_a_running_row_polls_itself_and_stops_when_finished(version_1, as_analyst):
    run = RescreenRun.objects.create(started_at=version_1.imported_at, total=10, done=3)
    url = reverse("vetting:rescreen_row", args=[run.pk])

    row = as_analyst.get(url, headers={"HX-Request": "true", "HX-Target": f"rescreen-{run.pk}"})
    assert row.status_code == 200
    text = row.content.decode()
    assert text.lstrip().startswith("<tr") and 'hx-trigger="every 2s"' in text
    assert "3 of 10 officers" in text

    RescreenRun.objects.filter(pk=run.pk).update(done=10, status=RescreenStatus.FINISHED)
    row = as_analyst.get(url, headers={"HX-Request": "true", "HX-Target": f"rescreen-{run.pk}"})
    assert "hx-trigger" not in row.content.decode()
    # Without JavaScript the row's address leads to the whole page.
    assert as_analyst.get(url).status_code == 302


def test_liaisons_may_not_see_runs_and_visitors_must_log_in(version_1, as_liaison_a, anonymous):
    run = rescreen(version=version_1)
    for url in (
        reverse("vetting:rescreen_list"),
        reverse("vetting:rescreen_row", args=[run.pk]),
    ):
        assert as_liaison_a.get(url).status_code == 403
        assert anonymous.get(url).status_code == 302


def test_an_analyst_queues_a_full_rescreening_from_the_page_and_the_worker_runs_it(
    enrolled, analyst, as_analyst, tmp_path, django_capture_on_commit_callbacks
):
    import_watchlist(
        format="credible-csv",
        paths=[credible_with(tmp_path, "v2", NEW_ROW)],
        by=analyst,
    )
    Alert.objects.all().delete()  # as if the import's own run had not happened
    page = as_analyst.get(reverse("vetting:rescreen_list")).content.decode()
    assert 'data-testid="rescreen-start"' in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = as_analyst.post(reverse("vetting:rescreen_start"))
    assert response.status_code == 302
    run = RescreenRun.objects.get(version__isnull=True)
    assert run.status == RescreenStatus.QUEUED and run.started_by == analyst
    assert (
        'data-status="queued"' in as_analyst.get(reverse("vetting:rescreen_list")).content.decode()
    )
    # A second request while one waits is refused, and nothing is queued twice.
    again = as_analyst.post(reverse("vetting:rescreen_start"), follow=True)
    assert "already waiting or running" in again.content.decode()
    assert RescreenRun.objects.filter(version__isnull=True).count() == 1

    for callback in callbacks:  # the worker picks the task up
        callback()
    run.refresh_from_db()
    assert run.status == RescreenStatus.FINISHED and run.done == run.total == 1
    assert run.alerts == 1 and run.affected == 1
    assert Event.objects.filter(verb="rescreen.requested", object_id=str(run.pk)).exists()


def test_only_analysts_queue_a_rescreening(version_1, as_secretariat, secretariat):
    with pytest.raises(NotAllowed):
        actions.request_rescreen(by=secretariat)
    page = as_secretariat.get(reverse("vetting:rescreen_list")).content.decode()
    assert 'data-testid="rescreen-start"' not in page
    assert as_secretariat.post(reverse("vetting:rescreen_start")).status_code == 403
    assert not RescreenRun.objects.filter(version__isnull=True).exists()


def test_a_queued_run_that_cannot_start_is_marked_failed(version_1, analyst, monkeypatch):
    from tutela.vetting.tasks import run_queued_rescreen

    def broken() -> None:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(actions, "current_lists", broken)
    run = RescreenRun.objects.create(
        started_by=analyst, started_at=version_1.imported_at, status=RescreenStatus.QUEUED
    )
    with pytest.raises(RuntimeError):
        run_queued_rescreen.call(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RescreenStatus.FAILED and "index unavailable" in run.error
