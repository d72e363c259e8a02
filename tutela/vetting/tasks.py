"""Background work for vetting: screening a new nominee and their unit against the watchlists,
and re-screening everyone nominated or enrolled after a list version is imported."""

from django.tasks import task
from django.utils import timezone

from tutela.nominations.models import Nomination
from tutela.vetting.actions import rescreen, screen_officer_and_unit
from tutela.vetting.models import ListVersion, RescreenRun, RescreenStatus


@task()
def screen_nomination(nomination_id: int) -> int:
    """Screen the nominated officer and their unit; returns the number of alerts opened."""
    nomination = Nomination.objects.select_related("officer").get(pk=nomination_id)
    return len(screen_officer_and_unit(nomination.officer))


@task()
def rescreen_version(version_id: int) -> int:
    """Re-screen the nominated, enrolled and completed officers and their units against what the
    list version added or changed; returns the id of the run (its row has the counts)."""
    version = ListVersion.objects.select_related("watchlist").get(pk=version_id)
    return rescreen(version=version).pk


@task()
def run_queued_rescreen(run_id: int) -> int:
    """Carry out a re-screening an analyst queued from the runs page (every current list in full);
    returns the run's id."""
    run = RescreenRun.objects.select_related("started_by").get(pk=run_id)
    try:
        return rescreen(by=run.started_by, run=run).pk
    except Exception as error:  # e.g. the index could not be built: never leave it waiting
        RescreenRun.objects.filter(pk=run.pk, status=RescreenStatus.QUEUED).update(
            status=RescreenStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
