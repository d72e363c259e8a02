"""Demo data for the curriculum review: the standards catalogue, provisions linked to every demo
module (each topic rule met, the provisions its text cites, one or two of its topics' usual
provisions from the reference's starter mapping), reviewer assignments, and a second,
different reviewer's approval on every approved version tagged with a high-risk topic.

Called by `tutela.demo` once the programme is built; deterministic (its own random seed)."""

import datetime as dt
import random
import re
from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from tutela.accounts.models import User
from tutela.audit.actions import record_events
from tutela.curriculum.actions import load_standards
from tutela.curriculum.models import (
    HIGH_RISK_TOPICS,
    CourseVersion,
    Module,
    ModuleProvisionLink,
    Provision,
    Review,
    ReviewAssignment,
    ReviewOutcome,
    TopicRule,
    VersionStatus,
)

SEED = 4242
# The reference's starter mapping (module → provisions), per topic: the demo links one or two.
TOPIC_PROVISIONS: dict[str, tuple[str, ...]] = {
    "public-security-strategy": ("UN-CCLEO-1979:A01", "UN-CCLEO-1979:A08", "COE-ECPE-2001:A12-A21"),
    "cybersecurity": ("ICCPR-1966:A17", "ICCPR-1966:A19", "NP-2014:P01"),
    "surveillance-technology": ("ICCPR-1966:A17", "NP-2014:P03", "UNGP-2011:P17"),
    "crowd-management": ("UN-BPUFF-1990:P13", "ICCPR-1966:A21", "UN-LLW-2020:S6.3"),
    "emergency-response": ("UN-BPUFF-1990:P05", "ICCPR-1966:A04", "UN-CCLEO-1979:A06"),
    "legal-frameworks-urban-governance": ("ICCPR-1966:A09", "ICCPR-1966:A26"),
    "counter-terrorism": ("ICCPR-1966:A04", "ICCPR-1966:A07", "ICCPR-1966:A14"),
    "transnational-crime": ("ICCPR-1966:A09", "ICCPR-1966:A14", "UN-CCLEO-1979:A07"),
    "community-policing": ("UN-CCLEO-1979:A01", "ICCPR-1966:A26", "COE-ECPE-2001:A59-A63"),
    "use-of-force": ("UN-CCLEO-1979:A03", "UN-BPUFF-1990:P05", "COE-ECPE-2001:A29"),
    "human-rights": ("UN-CCLEO-1979:A02", "ICCPR-1966:A02", "COE-ECPE-2001:A26"),
    "crime-prevention": ("UN-CCLEO-1979:A07", "ICCPR-1966:A26"),
    "interrogation": ("MENDEZ-2021:P1", "UN-CAT-1984:A15", "COE-ECPE-2001:A50"),
    "detention": ("UN-BPUFF-1990:P15", "UN-CCLEO-1979:A06", "ICCPR-1966:A10"),
    "forensics": ("UN-IP-2022:PR6", "ICCPR-1966:A14", "UN-CAT-1984:A12"),
}
CITED = re.compile(r"\b([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+:[A-Z]{1,3}[0-9]{1,2}(?:\.[0-9]{1,2})?)\b")
HOW = (
    "Taught through {method}; the module's assessment checks it.",
    "Stated as a learning outcome and practised in {method}.",
    "Covered in {method}, with the provision's text handed out.",
)


def add_demo_review(builder: Any) -> dict[str, int]:
    """Link provisions, assign reviewers and complete the reviews of the demo curriculum."""
    rng = random.Random(SEED)
    secretariat: User = builder.secretariat
    reviewers: list[User] = builder.reviewers
    load_standards()
    provisions = {p.code: p for p in Provision.objects.current().select_related("standard")}
    by_lineage = {p.lineage: p for p in provisions.values()}
    rules: dict[int, list[TopicRule]] = defaultdict(list)
    for rule in TopicRule.objects.all():
        rules[rule.topic_id].append(rule)

    versions = list(
        CourseVersion.objects.select_related("course").prefetch_related(
            Prefetch("modules", queryset=Module.objects.prefetch_related("topics")),
            Prefetch("reviews", queryset=Review.objects.order_by("decided_at")),
        )
    )
    links: list[ModuleProvisionLink] = []
    derived: list[Module] = []
    items: list[tuple[str, Any, dict[str, Any] | None]] = []
    first_modules: dict[tuple[int, str], Module] = {}
    for version in sorted(versions, key=lambda v: (v.course_id, v.number)):
        for module in version.modules.all():
            key = (version.course_id, module.title)
            if version.number > 1 and key in first_modules:
                module.derived_from = first_modules[key]
                derived.append(module)
            first_modules.setdefault(key, module)
            chosen: list[Provision] = []
            for topic in module.topics.all():
                for rule in rules[topic.pk]:
                    options = [
                        by_lineage[lineage] for lineage in rule.lineages if lineage in by_lineage
                    ]
                    if options and not any(p.lineage in rule.lineages for p in chosen):
                        chosen.append(rng.choice(options[:3]))
            # The provisions the module's text cites, then one or two of its topics' usual ones.
            for code in CITED.findall(module.learning_outcomes):
                if code in provisions and provisions[code] not in chosen:
                    chosen.append(provisions[code])
            for topic in module.topics.all():
                usual = [c for c in TOPIC_PROVISIONS.get(topic.code, ()) if c in provisions]
                for code in rng.sample(usual, k=min(len(usual), rng.randint(1, 2))):
                    if provisions[code] not in chosen:
                        chosen.append(provisions[code])
            method = (module.methods.split(";")[0] or "the module").strip().lower()
            for provision in chosen:
                links.append(
                    ModuleProvisionLink(
                        module=module,
                        provision=provision,
                        how=rng.choice(HOW).format(method=method),
                        linked_by=secretariat,
                    )
                )
    ModuleProvisionLink.objects.bulk_create(links, batch_size=1000)
    Module.objects.bulk_update(derived, ["derived_from"], batch_size=500)
    items += [
        ("module.provision_linked", link.module, {"provision": link.provision.code})
        for link in links
    ]

    high_risk = set(
        Module.objects.filter(topics__code__in=HIGH_RISK_TOPICS).values_list(
            "version_id", flat=True
        )
    )
    assignments: list[ReviewAssignment] = []
    second_reviews: list[Review] = []
    review_items: list[tuple[User, str, Any, dict[str, Any] | None]] = []
    for version in versions:
        reviewed_by = list(dict.fromkeys(r.reviewer for r in version.reviews.all()))
        if version.status == VersionStatus.IN_REVIEW and not reviewed_by:
            reviewed_by = [rng.choice(reviewers)]
        approvals = [r for r in version.reviews.all() if r.outcome == ReviewOutcome.APPROVED]
        if version.approved_at and version.pk in high_risk and approvals:
            first = approvals[-1]
            second_by = rng.choice([r for r in reviewers if r.pk != first.reviewer_id])
            submitted = version.submitted_at or first.decided_at
            when = max(submitted + dt.timedelta(hours=1), first.decided_at - dt.timedelta(days=1))
            second_reviews.append(
                Review(
                    version=version,
                    reviewer=second_by,
                    outcome=ReviewOutcome.APPROVED,
                    comments="Second review of a high-risk course: every topic rule is met and "
                    "the linked provisions are taught with an observable outcome. Approved.",
                    decided_at=min(when, first.decided_at),
                )
            )
            reviewed_by.append(second_by)
            review_items.append(
                (second_by, "course_version.approval_recorded", version, {"approvals": 2})
            )
        elif version.status == VersionStatus.IN_REVIEW and version.pk in high_risk:
            reviewed_by.append(rng.choice([r for r in reviewers if r not in reviewed_by]))
        for reviewer in dict.fromkeys(reviewed_by):
            assignments.append(
                ReviewAssignment(version=version, reviewer=reviewer, assigned_by=secretariat)
            )
            review_items.append(
                (
                    secretariat,
                    "course_version.reviewer_assigned",
                    version,
                    {"reviewer": reviewer.pk},
                )
            )
    ReviewAssignment.objects.bulk_create(assignments)
    created = Review.objects.bulk_create(second_reviews)
    # auto_now_add ignores the value given: put the review at its moment in the story.
    for review, wanted in zip(created, second_reviews, strict=True):
        Review.objects.filter(pk=review.pk).update(decided_at=wanted.decided_at)
    record_events(secretariat, items)
    by_actor: dict[int, list[tuple[str, Any, dict[str, Any] | None]]] = defaultdict(list)
    actors: dict[int, User] = {}
    for actor, verb, obj, data in review_items:
        by_actor[actor.pk].append((verb, obj, data))
        actors[actor.pk] = actor
    for pk, group in by_actor.items():
        record_events(actors[pk], group)
    return {
        "provision_links": len(links),
        "review_assignments": len(assignments),
        "second_reviews": len(second_reviews),
    }


def add_review_demo_data(builder: Any) -> dict[str, int]:
    """The demo's one entry point for the review, due-diligence and complaints data."""
    from tutela.complaints.demo import add_demo_complaints
    from tutela.partners.demo import add_demo_due_diligence

    counts = add_demo_review(builder)
    counts.update(add_demo_due_diligence(builder))
    counts.update(add_demo_complaints(builder))
    return counts


def reset_review_demo_data() -> None:
    """Erase what `add_review_demo_data` adds: complaints, assessments, the review records and
    the standards catalogue (the demo loads it; `tutela load_standards` loads it again)."""
    from tutela.complaints.models import Complaint, Referral
    from tutela.curriculum.models import ModuleComment, Standard
    from tutela.partners.models import Assessment

    Referral.objects.all().delete()
    Complaint.objects.all().delete()
    Assessment.objects.all().delete()
    ModuleComment.objects.all().delete()
    ReviewAssignment.objects.all().delete()
    ModuleProvisionLink.objects.all().delete()
    TopicRule.objects.all().delete()
    Provision.objects.all().delete()
    Standard.objects.update(superseded_by=None)
    Standard.objects.all().delete()
