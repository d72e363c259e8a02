"""Provision suggestions for a module, from the catalogue in the database (one index per
process, rebuilt when the catalogue changes)."""

from django.db.models import Count, Max

from tutela.curriculum.models import Module, Provision
from tutela.curriculum.suggest import SuggestionIndex

_cache: dict[str, object] = {}


def _index() -> SuggestionIndex:
    stamp = Provision.objects.current().aggregate(
        n=Count("pk"), at=Max("standard__loaded_at"), last=Max("pk")
    )
    key = repr(sorted(stamp.items()))
    if _cache.get("key") != key:
        provisions = Provision.objects.current().select_related("standard")
        _cache["index"] = SuggestionIndex(
            (p.code, f"{p.heading} {p.summary} {p.standard.title}") for p in provisions
        )
        _cache["key"] = key
    index = _cache["index"]
    assert isinstance(index, SuggestionIndex)
    return index


def module_text(module: Module) -> str:
    return f"{module.title}. {module.learning_outcomes} {module.methods}"


def suggest_for_module(module: Module, k: int = 5) -> list[tuple[Provision, float]]:
    """The `k` most relevant current provisions not yet linked, each with its score."""
    return suggest_for_modules([module], k)[module.pk]


def suggest_for_modules(
    modules: list[Module], k: int = 5
) -> dict[int, list[tuple[Provision, float]]]:
    """Suggestions for several modules in two queries (uses prefetched `links__provision`)."""
    index = _index()
    found = {
        module.pk: index.search(
            module_text(module),
            k=k,
            exclude=[link.provision.code for link in module.links.all()],
        )
        for module in modules
    }
    codes = {s.code for suggestions in found.values() for s in suggestions}
    provisions = Provision.objects.select_related("standard").in_bulk(codes, field_name="code")
    return {
        pk: [(provisions[s.code], s.score) for s in suggestions if s.code in provisions]
        for pk, suggestions in found.items()
    }
