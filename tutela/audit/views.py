"""Views of the audit app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("audit:list")
