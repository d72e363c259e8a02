"""Views of the curriculum app (placeholder until its pages land)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("curriculum:course_list")


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("curriculum:course_detail")


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("curriculum:version_detail")
