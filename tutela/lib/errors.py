"""Exceptions raised by actions. Interfaces turn them into messages (HTML) or 4xx (API)."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.forms import Form


class ActionError(Exception):
    """An action refused to run. `message` is written for the person who asked."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(ActionError):
    """The acting user's role or scope does not permit this action."""

    status = 403


class GateClosed(ActionError):
    """A safeguard is not satisfied (vetting, curriculum review, seat allocation…)."""

    status = 409


class Conflict(ActionError):
    """The object is not in a state where this action applies (wrong status, duplicate…)."""

    status = 409


def put_on_form(form: "Form", error: ActionError) -> None:
    """Show an action's refusal on the form that asked for it: on the field it names if the form
    has that field, else above the form. A refusal of the user's role becomes a 403."""
    from django.core.exceptions import PermissionDenied

    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    form.add_error(error.field if error.field in form.fields else None, error.message)
