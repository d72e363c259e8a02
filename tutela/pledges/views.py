"""Views of the pledges app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pledges:list")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("pledges:detail")
