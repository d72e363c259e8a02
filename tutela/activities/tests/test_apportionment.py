"""The published seat rule (tutela/lib/apportionment.py): Sainte-Laguë with floors and caps."""

import random

import pytest

from tutela.lib.apportionment import apportion


def by_key(result: object) -> dict[str, object]:
    return {s.key: s for s in result.shares}


def test_hand_computed_sainte_lague_example() -> None:
    # Quotients requested / 1, 3, 5, 7:
    #   A (10): 10, 3.333, 2, 1.429    B (6): 6, 2, 1.2    C (3): 3, 1, 0.6
    # Seats in order: A 10, B 6, A 3.333, C 3, A 2 (ties B 2; larger request wins), B 2, A 1.429.
    result = apportion(7, {"A": 10, "B": 6, "C": 3})

    assert result.seats() == {"A": 4, "B": 2, "C": 1}
    shares = by_key(result)
    assert shares["A"].won_at == ["10.000", "3.333", "2.000", "1.429"]
    assert shares["B"].won_at == ["6.000", "2.000"]
    assert shares["C"].won_at == ["3.000"]
    assert result.unused == 0
    assert [s.key for s in result.shares] == ["A", "B", "C"]  # most seats first


def test_proportional_requests_give_proportional_seats() -> None:
    result = apportion(6, {"A": 20, "B": 10})

    assert result.seats() == {"A": 4, "B": 2}


def test_floor_is_given_first_then_highest_quotients() -> None:
    # Floors: A 2, B 1 (asked for only 1), C 2; five seats remain.
    # A 10/5=2 · A 10/7=1.429 · A 10/9=1.111 · C 5/5=1 beats A 10/11=0.909 · A 0.909 beats C 5/7.
    result = apportion(10, {"A": 10, "B": 1, "C": 5}, floor=2)

    shares = by_key(result)
    assert result.seats() == {"A": 6, "B": 1, "C": 3}
    assert (shares["A"].floor_seats, shares["B"].floor_seats, shares["C"].floor_seats) == (2, 1, 2)
    assert shares["A"].won_at == ["2.000", "1.429", "1.111", "0.909"]
    assert shares["C"].won_at == ["1.000"]
    assert shares["B"].won_at == []


def test_request_smaller_than_floor_gets_only_what_it_asked_for() -> None:
    result = apportion(20, {"A": 2, "B": 30}, floor=5)

    shares = by_key(result)
    assert shares["A"].seats == 2
    assert shares["A"].floor_seats == 2
    assert shares["A"].limited_by == "request"
    assert shares["B"].seats == 18


def test_floors_alone_exceeding_the_seats_go_to_the_largest_requests_first() -> None:
    result = apportion(3, {"A": 5, "B": 4, "C": 3}, floor=2)

    assert result.seats() == {"A": 2, "B": 1, "C": 0}
    assert sum(result.seats().values()) == 3


def test_cap_limits_each_partner_and_leaves_seats_unused() -> None:
    result = apportion(10, {"A": 10, "B": 10, "C": 2}, cap=3)

    shares = by_key(result)
    assert result.seats() == {"A": 3, "B": 3, "C": 2}
    assert shares["A"].limited_by == "cap"
    assert shares["B"].limited_by == "cap"
    assert shares["C"].limited_by == "request"
    assert result.unused == 2


def test_cap_also_limits_the_floor() -> None:
    result = apportion(10, {"A": 10}, floor=5, cap=3)

    assert by_key(result)["A"].floor_seats == 3
    assert result.seats() == {"A": 3}
    assert result.unused == 7


def test_requests_below_capacity_are_met_in_full_with_seats_left_over() -> None:
    result = apportion(20, {"A": 4, "B": 3})

    assert result.seats() == {"A": 4, "B": 3}
    assert result.unused == 13
    assert all(s.limited_by == "request" for s in result.shares)


def test_more_requested_than_capacity_uses_every_seat() -> None:
    result = apportion(12, {"A": 25, "B": 17, "C": 9, "D": 1})

    assert sum(result.seats().values()) == 12
    assert result.unused == 0
    assert all(s.seats <= s.requested for s in result.shares)


def test_equal_quotient_goes_to_the_larger_request() -> None:
    # After B takes its first seat (9), A's 3/1 and B's 9/3 are equal: B asked for more.
    result = apportion(3, {"A": 3, "B": 9})

    shares = by_key(result)
    assert shares["B"].won_at == ["9.000", "3.000"]
    assert shares["A"].won_at == ["3.000"]


def test_full_tie_goes_to_the_name_that_sorts_first() -> None:
    assert apportion(1, {"Peru": 3, "Kenya": 3}).seats() == {"Kenya": 1, "Peru": 0}
    assert apportion(1, {"ab": 3, "abc": 3}).seats() == {"ab": 1, "abc": 0}


def test_zero_requests_are_left_out_and_negative_input_refused() -> None:
    assert apportion(5, {"A": 0, "B": 2}).seats() == {"B": 2}
    with pytest.raises(ValueError):
        apportion(5, {"A": -1})
    with pytest.raises(ValueError):
        apportion(-1, {"A": 1})
    with pytest.raises(ValueError):
        apportion(5, {"A": 1}, floor=-1)


def test_no_requests_leave_every_seat_unused() -> None:
    result = apportion(8, {})

    assert result.shares == []
    assert result.unused == 8


@pytest.mark.parametrize("seed", range(40))
def test_total_is_conserved_and_limits_hold(seed: int) -> None:
    rng = random.Random(seed)
    total = rng.randint(0, 60)
    floor = rng.randint(0, 4)
    cap = rng.choice([None, rng.randint(1, 15)])
    requests = {f"P{i:02d}": rng.randint(0, 25) for i in range(rng.randint(1, 9))}

    result = apportion(total, requests, floor=floor, cap=cap)

    seats = result.seats()
    assert sum(seats.values()) + result.unused == total
    for share in result.shares:
        limit = min(share.requested, cap) if cap is not None else share.requested
        assert 0 <= share.seats <= limit
        assert share.seats == share.floor_seats + len(share.won_at)
        if share.seats == share.requested:
            assert share.limited_by == "request"
    if result.unused:
        # Seats are left over only when nobody could take another one.
        assert all(
            s.seats == (min(s.requested, cap) if cap is not None else s.requested)
            for s in result.shares
        )
    if sum(min(floor, n, cap or n) for n in requests.values()) <= total:
        for share in result.shares:
            assert share.floor_seats == min(floor, share.requested, cap or share.requested)


def test_no_partner_left_short_had_a_higher_quotient_than_a_seat_won() -> None:
    result = apportion(30, {"A": 40, "B": 23, "C": 11, "D": 7}, cap=12)

    won = [float(q) for s in result.shares for q in s.won_at]
    for share in result.shares:
        values = [float(q) for q in share.won_at]
        assert values == sorted(values, reverse=True)
        if not share.limited_by:
            next_quotient = share.requested / (2 * share.seats + 1)
            assert next_quotient <= min(won)
    assert sum(result.seats().values()) == 30
