"""Topic rules: which provisions a module tagged with a high-risk topic must cover.

The rules are a data table (`data/topic_rules.csv`, loaded as `TopicRule` rows). A rule is met
when the module links at least one of its provisions, or the same provision of another version
of that instrument (links survive a new version of an instrument).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from tutela.curriculum.models import CourseVersion, Module, Provision, TopicRule


@dataclass(frozen=True)
class RuleCheck:
    rule: TopicRule
    provisions: list[Provision]
    met: bool


def _provisions_by_code(rules: Iterable[TopicRule]) -> dict[str, Provision]:
    codes = {code for rule in rules for code in rule.provision_codes}
    return {p.code: p for p in Provision.objects.filter(code__in=codes)}


def check_module(
    module: Module,
    *,
    rules: list[TopicRule] | None = None,
    provisions: dict[str, Provision] | None = None,
) -> list[RuleCheck]:
    """Each rule of the module's topics, with whether the module's links meet it. Uses the
    module's prefetched `topics` and `links__provision` when they are there."""
    if rules is None:
        rules = list(TopicRule.objects.select_related("topic"))
    if provisions is None:
        provisions = _provisions_by_code(rules)
    topic_ids = {t.pk for t in module.topics.all()}
    linked = {link.provision.lineage for link in module.links.all()}
    return [
        RuleCheck(
            rule=rule,
            provisions=[provisions[c] for c in rule.provision_codes if c in provisions],
            met=bool(linked & set(rule.lineages)),
        )
        for rule in rules
        if rule.topic_id in topic_ids
    ]


def check_version(version: CourseVersion) -> list[tuple[Module, list[RuleCheck]]]:
    """Every module of the version with the checks of its topics' rules (a few queries)."""
    rules = list(TopicRule.objects.select_related("topic"))
    provisions = _provisions_by_code(rules)
    modules = version.modules.prefetch_related("topics", "links__provision").order_by("order", "pk")
    return [(m, check_module(m, rules=rules, provisions=provisions)) for m in modules]


def unmet(version: CourseVersion) -> list[tuple[Module, RuleCheck]]:
    return [
        (module, check)
        for module, checks in check_version(version)
        for check in checks
        if not check.met
    ]
