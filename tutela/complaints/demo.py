"""Demo complaints: a few submissions in the UN languages, some linked to the officers, units
and courses they name, one referred to vetting. Called by `tutela.demo`; deterministic."""

from typing import Any

from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.actions import record_events
from tutela.complaints.models import Complaint, ComplaintStatus, Referral, ReferralStatus
from tutela.curriculum.models import Course
from tutela.nominations.models import Officer
from tutela.partners.models import Unit

SUBMISSIONS = (
    (
        "unit",
        "en",
        "A public-order unit",
        "Officers of this unit beat protesters who were "
        "already on the ground during the dispersal of a march.",
        "Last spring",
        "The central square",
        "I was there; a video was published by a local newspaper.",
        "Sam Okoye",
        "sam@example.org",
    ),
    (
        "course",
        "fr",
        "Cours sur le maintien de l'ordre",
        "Un module présente l'encerclement "
        "prolongé des manifestants comme une technique recommandée.",
        "Session de 2025",
        "",
        "Le support de cours distribué aux participants.",
        "",
        "",
    ),
    (
        "trainee",
        "es",
        "Un participante del curso de investigación",
        "Fue denunciado por malos tratos a un detenido en una comisaría.",
        "Enero de 2026",
        "Comisaría norte",
        "Informe de una organización de derechos humanos.",
        "",
        "denuncias@example.org",
    ),
    (
        "partner",
        "ar",
        "أكاديمية شريكة",
        "تستخدم الأكاديمية أساليب استجواب قسرية في تدريبها.",
        "2025",
        "",
        "شهادة متدرب سابق.",
        "",
        "",
    ),
    (
        "other",
        "ru",
        "Обучение по видеонаблюдению",
        "Курс учит распознаванию лиц участников митингов без правовой основы.",
        "2026",
        "",
        "Программа курса на сайте.",
        "",
        "",
    ),
    (
        "unit",
        "zh-hans",
        "某警察单位",
        "该单位在拘留期间不允许被拘留者会见律师。",
        "2025年",
        "",
        "家属的陈述。",
        "",
        "",
    ),
)


def add_demo_complaints(builder: Any) -> dict[str, int]:
    analyst: User = builder.analysts[0]
    complaints = []
    for n, (subject, language, about, what, when, where, sources, name, email) in enumerate(
        SUBMISSIONS
    ):
        complaints.append(
            Complaint(
                reference=f"TC-DEMO-{n + 1:04d}",
                subject=subject,
                language=language,
                about=about,
                what=what,
                when=when,
                where=where,
                sources=sources,
                contact_name=name,
                contact_email=email,
            )
        )
    Complaint.objects.bulk_create(complaints)
    record_events(
        None,
        [
            ("complaint.received", c, {"subject": c.subject, "language": c.language})
            for c in complaints
        ],
    )
    unit = Unit.objects.order_by("pk").filter(agency__partner__country__isnull=False).first()
    officer = Officer.objects.order_by("pk").first()
    course = Course.objects.order_by("code").filter(code__startswith="CRW").first()
    items: list[tuple[str, Any, dict[str, Any] | None]] = []
    referrals = 0
    if unit is not None:
        complaints[0].units.add(unit)
        complaints[0].status = ComplaintStatus.REFERRED
        complaints[0].save(update_fields=["status"])
        referral = Referral.objects.create(
            complaint=complaints[0],
            unit=unit,
            summary="Check the unit against the published reports of the dispersal.",
            opened_by=analyst,
        )
        referrals += 1
        items.append(("referral.opened", referral, {"complaint": complaints[0].pk}))
    if course is not None:
        complaints[1].courses.add(course)
        complaints[1].status = ComplaintStatus.LINKED
        complaints[1].save(update_fields=["status"])
        items.append(("complaint.linked", complaints[1], {"courses": [course.pk]}))
    if officer is not None:
        complaints[2].officers.add(officer)
        referral = Referral.objects.create(
            complaint=complaints[2],
            officer=officer,
            summary="Re-vet the officer against the allegation.",
            opened_by=analyst,
            status=ReferralStatus.CLOSED,
            outcome="No credible information found in the sources; the decision stands.",
            closed_by=analyst,
            closed_at=timezone.now(),
        )
        complaints[2].status = ComplaintStatus.REFERRED
        complaints[2].save(update_fields=["status"])
        referrals += 1
        items.append(("referral.opened", referral, {"complaint": complaints[2].pk}))
    record_events(analyst, items)
    return {"complaints": len(complaints), "referrals": referrals}
