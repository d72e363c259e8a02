"""How views tell a whole-page request from an htmx request for a fragment of the page."""

from django.http import HttpRequest


def wants_partial(request: HttpRequest, target: str | None = None) -> bool:
    """True for an htmx request that swaps `target` (any element if None).

    A history-restore request (the back button after the cache expired) wants the whole page."""
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.history_restore_request:
        return False
    return target is None or htmx.target == target
