"""Views of the partners app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("partners:list")


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("partners:detail")


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("partners:unit_detail")


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("partners:agreement_detail")
