"""The accounts part of the API (/api/v1/), and what every part shares: how refusals become
JSON answers, and how a referenced object is looked up."""

from typing import Any, overload

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError

from tutela.accounts.auth import acting_user
from tutela.accounts.schemas import DETAIL, MeOut
from tutela.lib.errors import ActionError

router = Router(tags=["accounts"])


@router.get("/me", response={200: MeOut, **DETAIL}, summary="The signed-in user")
def me(request: HttpRequest) -> dict[str, Any]:
    user = acting_user(request)
    return {
        "id": user.pk,
        "username": user.username,
        "name": str(user),
        "role": user.role,
        "is_head": user.is_head,
        "partner_id": user.partner_id,
    }


@overload
def lookup[M: models.Model](queryset: models.QuerySet[M], pk: int, *, field: str) -> M: ...
@overload
def lookup[M: models.Model](queryset: models.QuerySet[M], pk: None, *, field: str) -> None: ...
@overload
def lookup[M: models.Model](
    queryset: models.QuerySet[M], pk: int | None, *, field: str
) -> M | None: ...


def lookup[M: models.Model](
    queryset: models.QuerySet[M], pk: int | None, *, field: str
) -> M | None:
    """The object `pk` names in an input field, from the queryset the user may use; an unknown
    or invisible id is a 400 naming the field (not a 404: the URL itself was found)."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ActionError(_("No such %(field)s: %(pk)s.") % {"field": field, "pk": pk}, field=field)
    return found


def install_error_handlers(api: NinjaAPI) -> None:
    """Refusals become JSON with `detail` (and `field` for input errors); never a 500 on bad
    input."""

    # `exc: Any`: ninja types a handler's exception as the class or an instance of it.
    def action_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(
            request, {"detail": exc.message, "field": exc.field}, status=exc.status
        )

    def permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc) or _("You may not do this.")
        return api.create_response(request, {"detail": message, "field": None}, status=403)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found."), "field": None}, status=404)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(
            request,
            {"detail": _("Sign in, or send Authorization: Bearer <token>."), "field": None},
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    api.add_exception_handler(ActionError, action_error)
    api.add_exception_handler(PermissionDenied, permission_denied)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(AuthenticationError, unauthenticated)
