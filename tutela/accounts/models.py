"""People who sign in, their role in the programme, and API tokens."""

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    LIAISON = "liaison", _("Partner liaison")
    ANALYST = "analyst", _("Vetting analyst")
    REVIEWER = "reviewer", _("Curriculum reviewer")
    INSTRUCTOR = "instructor", _("Instructor / course director")
    CONSULTANT = "consultant", _("Consultant")
    OVERSIGHT = "oversight", _("Oversight body")
    ALUMNUS = "alumnus", _("Alumnus")


class User(AbstractUser):
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.SECRETARIAT
    )
    is_head = models.BooleanField(
        _("secretariat head"),
        default=False,
        help_text=_(
            "Only the secretariat head may override the vetting gate, with a written reason."
        ),
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="liaisons",
        help_text=_("For partner liaisons: the country or organisation they nominate for."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    objects = UserManager()  # type: ignore[misc]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Role checks read as sentences in views and actions.
    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT

    @property
    def is_secretariat_head(self) -> bool:
        return self.role == Role.SECRETARIAT and self.is_head

    @property
    def is_liaison(self) -> bool:
        return self.role == Role.LIAISON

    @property
    def is_analyst(self) -> bool:
        return self.role == Role.ANALYST

    @property
    def is_reviewer(self) -> bool:
        return self.role == Role.REVIEWER

    @property
    def is_instructor(self) -> bool:
        return self.role == Role.INSTRUCTOR

    @property
    def is_consultant(self) -> bool:
        return self.role == Role.CONSULTANT

    @property
    def is_oversight(self) -> bool:
        return self.role == Role.OVERSIGHT

    @property
    def sees_everything(self) -> bool:
        """Secretariat, analysts and oversight read across all countries."""
        return self.role in {Role.SECRETARIAT, Role.ANALYST, Role.OVERSIGHT}

    @property
    def reads_audit_trail(self) -> bool:
        """The secretariat and oversight read the audit trail and verify its chain."""
        return self.role in {Role.SECRETARIAT, Role.OVERSIGHT}

    @property
    def may_see_restricted_evidence(self) -> bool:
        return self.role == Role.ANALYST


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for API clients. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def new_key(cls) -> str:
        return "tut_" + secrets.token_urlsafe(32)

    @classmethod
    def digest_of(cls, key: str) -> str:
        return _digest(key)

    @classmethod
    def find_active(cls, key: str) -> "ApiToken | None":
        return cls.objects.active().select_related("user").filter(digest=_digest(key)).first()

    def touch(self, **kwargs: Any) -> None:
        ApiToken.objects.filter(pk=self.pk).update(last_used_at=timezone.now())
