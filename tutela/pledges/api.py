"""The pledges part of the API (/api/v1/)."""

from ninja import Router

router = Router(tags=["pledges"])
