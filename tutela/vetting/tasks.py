"""Background work for vetting: screening a new nominee and their unit against the watchlists."""

from django.tasks import task

from tutela.nominations.models import Nomination
from tutela.vetting.actions import screen_officer_and_unit


@task()
def screen_nomination(nomination_id: int) -> int:
    """Screen the nominated officer and their unit; returns the number of alerts opened."""
    nomination = Nomination.objects.select_related("officer").get(pk=nomination_id)
    return len(screen_officer_and_unit(nomination.officer))
