"""The one way list pages search, filter and paginate, for HTML (htmx or not) and the API."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property


def int_or_none(value: object) -> int | None:
    """A query-string parameter as an integer, or None when it is missing or not a number."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


@dataclass
class Listing:
    page: Page
    query: str
    filters: dict[str, str]

    def querystring(self, **changes: Any) -> str:
        """The current search and filters, with `changes`, as a query string for links."""
        params = {"q": self.query, **self.filters, **changes}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    @property
    def page_links(self) -> list[tuple[int, str]]:
        number, last = self.page.number, self.page.paginator.num_pages
        shown = sorted({1, last, *range(max(1, number - 2), min(last, number + 2) + 1)})
        return [(n, self.querystring(page=n)) for n in shown]


class _CountingPaginator(Paginator):
    """A paginator that counts with a leaner queryset than the one it pages (no annotations,
    no joins the count does not need)."""

    def __init__(self, object_list: QuerySet[Any], per_page: int, counter: QuerySet[Any]):
        super().__init__(object_list, per_page)
        self._counter = counter

    @cached_property
    def count(self) -> int:
        return self._counter.count()


def paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    filters: list[str] | None = None,
    per_page: int | None = None,
    count_from: QuerySet[Any] | None = None,
) -> Listing:
    """Read `q`, the named filters and `page` from the query string and paginate `queryset`.

    The caller applies the search and filters to the queryset (it knows their meaning); this keeps
    the values so links and forms can carry them. `count_from`, if given, is the same rows
    without the annotations and joins that only the displayed page needs: the COUNT uses it."""
    query = request.GET.get("q", "").strip()
    kept = {name: request.GET.get(name, "").strip() for name in filters or []}
    size = per_page or settings.PAGE_SIZE
    paginator = (
        Paginator(queryset, size)
        if count_from is None
        else _CountingPaginator(queryset, size, count_from)
    )
    page = paginator.get_page(request.GET.get("page"))
    return Listing(page=page, query=query, filters={k: v for k, v in kept.items() if v})
