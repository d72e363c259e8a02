"""Shapes of the complaints API."""

import datetime as dt

from ninja import Schema


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class ReferralOut(Schema):
    id: int
    officer_id: int | None
    unit_id: int | None
    summary: str
    status: str
    outcome: str
    opened_at: dt.datetime


class ComplaintOut(Schema):
    id: int
    reference: str
    subject: str
    about: str
    what: str
    when: str
    where: str
    sources: str
    language: str
    status: str
    received_at: dt.datetime
    officers: list[int]
    units: list[int]
    courses: list[int]
    partners: list[int]
    referrals: list[ReferralOut]
    # Only for oversight: absent (null) for vetting analysts.
    contact: ContactOut | None
