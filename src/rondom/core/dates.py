"""Plain calendar arithmetic shared by every component: ages and Dutch school years."""

from datetime import date


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def school_year_of(day: date) -> int:
    """The starting year of the school year that contains `day` (school years start 1 August)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_bounds(start_year: int) -> tuple[date, date]:
    """First and last day of the school year that starts in `start_year` (1 Aug - 31 Jul)."""
    return date(start_year, 8, 1), date(start_year + 1, 7, 31)
