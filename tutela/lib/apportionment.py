"""Seat apportionment by the Sainte-Laguë / Webster method, with floors and caps.

The rule, as published on every allocation page:

1. Every requesting partner first receives the floor, or what it asked for if that is less.
2. The remaining seats go one at a time to the partner with the highest quotient
   `requested / (2 × seats so far + 1)` — Sainte-Laguë's divisors 1, 3, 5, … applied to the
   number of seats requested.
3. A partner never receives more than it requested, nor more than the cap.
4. Ties go to the larger request, then to the partner whose name sorts first.

The function is pure: it returns each partner's seats with the trail of how they were reached.
"""

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass
class Share:
    key: str
    requested: int
    floor_seats: int = 0
    seats: int = 0
    won_at: list[str] = field(default_factory=list)  # quotients at which each further seat was won
    limited_by: str = ""  # "request" or "cap" if that stopped it getting more

    def as_dict(self) -> dict[str, object]:
        return {
            "requested": self.requested,
            "floor_seats": self.floor_seats,
            "seats": self.seats,
            "won_at": self.won_at,
            "limited_by": self.limited_by,
        }


@dataclass
class Apportionment:
    total: int
    floor: int
    cap: int | None
    shares: list[Share]
    unused: int  # seats no partner could take (all requests met or capped)

    def seats(self) -> dict[str, int]:
        return {s.key: s.seats for s in self.shares}


def apportion(
    total: int, requests: dict[str, int], *, floor: int = 0, cap: int | None = None
) -> Apportionment:
    if total < 0 or floor < 0 or (cap is not None and cap < 0):
        raise ValueError("Seats, floor and cap must not be negative.")
    if any(n < 0 for n in requests.values()):
        raise ValueError("A request must not be negative.")
    shares = {k: Share(k, n) for k, n in requests.items() if n > 0}

    def limit(share: Share) -> int:
        return min(share.requested, cap) if cap is not None else share.requested

    remaining = total
    # 1. floors, in request order (largest first) in case the floors alone exceed the seats.
    for share in sorted(shares.values(), key=lambda s: (-s.requested, s.key)):
        give = min(floor, limit(share), remaining)
        share.floor_seats = share.seats = give
        remaining -= give
    # 2. highest averages.
    while remaining > 0:
        open_shares = [s for s in shares.values() if s.seats < limit(s)]
        if not open_shares:
            break
        best = max(
            open_shares,
            key=lambda s: (
                Fraction(s.requested, 2 * s.seats + 1),
                s.requested,
                (*(-ord(c) for c in s.key), 1),
            ),
        )
        quotient = Fraction(best.requested, 2 * best.seats + 1)
        best.won_at.append(f"{float(quotient):.3f}")
        best.seats += 1
        remaining -= 1
    for share in shares.values():
        if share.seats >= share.requested:
            share.limited_by = "request"
        elif cap is not None and share.seats >= cap:
            share.limited_by = "cap"
    ordered = sorted(shares.values(), key=lambda s: (-s.seats, s.key))
    return Apportionment(total, floor, cap, ordered, remaining)
