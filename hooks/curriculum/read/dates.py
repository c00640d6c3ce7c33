"""Months as pages carry them ('YYYY-MM'), as readers read them ('December 2026'), and the
month a build is dated by.

A build is dated by SOURCE_DATE_EPOCH when it is set (the Makefile sets it from the
last commit, so two builds of one commit agree, whenever they run), else by today.
Nothing the build writes depends on that date: only the validator's warning about a
page not checked for a year does.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
STALE_AFTER = 12  # months: a page checked longer ago than this is a warning


@dataclass(frozen=True, order=True)
class CalendarMonth:
    year: int
    month: int  # 1-12

    @classmethod
    def parse(cls, text: str) -> CalendarMonth:
        """'2026-12' (a value the schema has checked) as a CalendarMonth."""
        year, month = text.split("-")
        return cls(int(year), int(month))

    @classmethod
    def of_epoch(cls, seconds: float) -> CalendarMonth:
        moment = time.gmtime(seconds)
        return cls(moment.tm_year, moment.tm_mon)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def words(self) -> str:
        """'December 2026'."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    def minus(self, months: int) -> CalendarMonth:
        index = self.year * 12 + self.month - 1 - months
        return CalendarMonth(index // 12, index % 12 + 1)


def in_words(text: str) -> str:
    """'2026-12' -> 'December 2026'."""
    return CalendarMonth.parse(text).words


def build_month() -> CalendarMonth:
    """The month the build is dated by: SOURCE_DATE_EPOCH's, else this month (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return CalendarMonth.of_epoch(int(epoch))
        except (ValueError, OverflowError, OSError):
            pass  # not a number of seconds: dated by the clock, as when it is not set
    return CalendarMonth.of_epoch(time.time())


def latest_possible_month() -> CalendarMonth:
    """The last month a page may be dated: the build's, or this month when that is later. A
    contributor checks a page this month and validates it before committing, while the build
    is still dated by the last commit; the clock allows that, and a committed date is never
    later than the clock."""
    return max(build_month(), CalendarMonth.of_epoch(time.time()))
