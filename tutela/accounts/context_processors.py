from typing import Any

from django.conf import settings
from django.http import HttpRequest


def programme(request: HttpRequest) -> dict[str, Any]:
    return {"PROGRAMME_NAME": settings.PROGRAMME_NAME}
