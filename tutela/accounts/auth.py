"""Who is asking: a bearer token or the browser session (API), and the signed-in user (views).

`Authorization: Bearer tut_…` is checked against the digests of active (unrevoked) tokens of active
users. The session serves the interactive docs in the browser; it keeps Django's CSRF check on
unsafe methods. A request with neither is refused with 401.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from tutela.accounts.models import ApiToken, User

TOKEN_PREFIX = "tut_"


class BearerToken(HttpBearer):
    """An API token issued on the "API tokens" page or by `tutela create_api_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or " " in token:
            return None
        found = ApiToken.find_active(token)
        if found is None or not found.user.is_active:
            return None
        found.touch()
        request.user = found.user
        return found.user


class BrowserSession(SessionAuth):
    """Django's session, for the browser. Unsafe methods need the CSRF token, as in the HTML
    pages; a request without a signed-in session falls through to 401 instead of a CSRF 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        return user if user.is_authenticated and user.is_active else None


api_auth = [BearerToken(), BrowserSession()]


def acting_user(request: HttpRequest) -> User:
    """The user the request authenticated as (set by the auth classes above)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def require(allowed: bool, message: object = "") -> None:
    """Refuse with 403 unless `allowed`. Endpoints check the role before calling an action, and
    the action checks again."""
    if not allowed:
        raise PermissionDenied(str(message))


# --- The same checks for the HTML views (behind @login_required) ---------------------------


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of a view behind @login_required."""
    return request.user  # type: ignore[return-value]


def reader_of_everything(request: HttpRequest) -> User:
    """The signed-in user, if their role reads across all countries (secretariat, analysts,
    oversight); else 403."""
    user = signed_in_user(request)
    require(user.sees_everything)
    return user


def secretariat_user(request: HttpRequest) -> User:
    """The signed-in user, if they are secretariat; else 403."""
    user = signed_in_user(request)
    require(user.is_secretariat)
    return user
