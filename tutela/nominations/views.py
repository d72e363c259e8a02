"""Views of the nominations app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("nominations:list")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("nominations:detail")


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("nominations:officer_list")


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("nominations:officer_detail")
