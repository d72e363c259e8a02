"""API shapes shared by every app: errors, pages, and the signed-in user."""

from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
# Integers from outside are bounded, so that no input can overflow a database column (a 500).
MAX_ID = 2**63 - 1  # BigAutoField
MAX_COUNT = 2**31 - 1  # PositiveIntegerField

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    """A refusal: what went wrong and, when one input caused it, which field."""

    detail: str
    field: str | None = None


class ValidationErrorItem(Schema):
    type: str
    loc: list[str | int] = Field(description="Where the input is: query, path or body, then names.")
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationErrorItem]


_ERROR_DESCRIPTIONS = {
    400: ErrorOut,  # the action refused the input
    401: ErrorOut,  # no valid token or session
    403: ErrorOut,  # the role may not do this
    404: ErrorOut,  # no such object, or not visible to this user
    409: ErrorOut,  # a safeguard gate is closed, or the object is in the wrong state
    422: ValidationErrorOut,  # the input does not have the documented shape
}


def errors(*codes: int) -> dict[int, Any]:
    """The error responses an operation can return, for its `response={...}`."""
    return {code: _ERROR_DESCRIPTIONS[code] for code in codes}


READ = errors(401, 403, 422)
DETAIL = errors(401, 403, 404)
WRITE = errors(400, 401, 403, 404, 409, 422)


class Pagination(LimitOffsetPagination):
    """`limit` (1–200, default 50) and `offset`; the answer carries `count` and `items`."""

    class Input(Schema):
        limit: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_COUNT)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE_SIZE, **kwargs)


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    is_head: bool
    partner_id: int | None
