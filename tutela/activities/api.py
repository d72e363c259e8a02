"""The activities part of the API (/api/v1/)."""

from ninja import Router

router = Router(tags=["activities"])
