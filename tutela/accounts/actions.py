"""Issuing and revoking API tokens."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import ApiToken, User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, Conflict, NotAllowed


@transaction.atomic
def issue_api_token(user: User, *, name: str, by: User | None) -> tuple[ApiToken, str]:
    """A new bearer token for `user`. Returns the token and its key; only the key's digest is
    stored, so the key is shown once. `by` is None when an operator issues it from the command
    line."""
    if by is not None and by.pk != user.pk:
        raise NotAllowed(_("People issue API tokens only for themselves."))
    if not user.is_active:
        raise ActionError(_("%(user)s is not an active account.") % {"user": user.username})
    name = name.strip()
    if not name:
        raise ActionError(_("Name the token after what will use it."), field="name")
    if user.api_tokens.active().filter(name=name).exists():
        raise Conflict(
            _("You already have an active token named %(name)s.") % {"name": name}, field="name"
        )
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:8], digest=ApiToken.digest_of(key)
    )
    record_event(by, "api_token.issued", token, {"user": user.pk, "prefix": token.prefix})
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User | None) -> ApiToken:
    if by is not None and by.pk != token.user_id:
        raise NotAllowed(_("People revoke only their own API tokens."))
    if token.revoked_at is not None:
        raise Conflict(_("This token is already revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(by, "api_token.revoked", token, {"user": token.user_id})
    return token
