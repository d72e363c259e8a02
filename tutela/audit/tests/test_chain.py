import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from tutela.audit.actions import record_event, verify_chain
from tutela.audit.models import GENESIS_HASH, Event
from tutela.testing import make_partner

pytestmark = pytest.mark.django_db


def _write(n: int, user) -> None:
    partner = make_partner("KE")
    with transaction.atomic():
        for i in range(n):
            record_event(user, "test.happened", partner, {"i": i, "name": "Амина"})


def test_events_link_to_the_one_before(secretariat):
    _write(3, secretariat)
    events = list(Event.objects.all())
    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash
    assert verify_chain().ok


def test_editing_a_past_event_in_the_database_is_detected(secretariat):
    _write(5, secretariat)
    # A direct UPDATE, as someone with database access would do it.
    Event.objects.filter(sequence=3).update(data={"i": 99, "name": "Амина"})

    report = verify_chain()

    assert not report.ok
    assert report.broken_sequence == 3
    with pytest.raises(CommandError, match="#3"):
        call_command("audit_verify")


def test_deleting_an_event_is_detected(secretariat):
    _write(4, secretariat)
    Event.objects.filter(sequence=2)._raw_delete(Event.objects.db)

    report = verify_chain()

    assert not report.ok and report.broken_sequence == 2


def test_events_cannot_be_changed_through_the_model(secretariat):
    _write(1, secretariat)
    event = Event.objects.get()
    event.verb = "other"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_record_event_refuses_to_run_outside_a_transaction(secretariat):
    with pytest.raises(RuntimeError):
        record_event(secretariat, "test.happened")


def test_intact_chain_command_prints_head(secretariat, capsys):
    _write(2, secretariat)
    call_command("audit_verify")
    assert "intact: 2 events" in capsys.readouterr().out
