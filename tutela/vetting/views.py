"""Views of the vetting app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    return HttpResponse("vetting:queue")


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("vetting:decision_detail")
