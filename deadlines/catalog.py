"""The business-day calendars agreements name, as data: each with its key, its name in words, where
its holidays come from and when that source was last reviewed (DOMAIN.md §4).

A key names one calendar: the named ones below, `US-XX` for a U.S. state, `XX` or `XX-SUB` for a
country (or its subdivision) the `holidays` package knows, `MKT-XXXX` for a market it knows. Keys
joined by "+" name several: a business day is a weekday on which every one is open."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

REVIEWED = date(2026, 12, 6)
HOLIDAYS_SOURCE = f"The holidays package {holidays.__version__} (python-holidays)"
UNKNOWN_CALENDAR = "{key} is not a business-day calendar Covenant knows."
SEPARATOR = "+"


@dataclass(frozen=True)
class Calendar:
    key: str
    name: str
    source: str
    last_reviewed: date = REVIEWED


NAMED = (
    Calendar("NY_BANKS", "New York banks (Federal Reserve holidays)",
             "Federal Reserve holiday schedule: U.S. federal holidays, a Sunday holiday observed Monday, "
             f"none for a Saturday holiday; dates from {HOLIDAYS_SOURCE}"),
    Calendar("US_FEDERAL", "U.S. federal government", f"5 U.S.C. §6103, Saturday holidays observed Friday; {HOLIDAYS_SOURCE}"),
    Calendar("NY_STATE", "New York State (General Construction Law §24)", f"N.Y. Gen. Constr. Law §24; {HOLIDAYS_SOURCE}"),
    Calendar("NYSE", "New York Stock Exchange", f"NYSE holiday calendar; {HOLIDAYS_SOURCE} (financial: NYSE)"),
    Calendar("GB-ENG", "United Kingdom: England and Wales (bank holidays)",
             f"Banking and Financial Dealings Act 1971 and royal proclamations; {HOLIDAYS_SOURCE}"),
    Calendar("TARGET2", "TARGET2 (euro payments)", f"European Central Bank TARGET2 closing days; {HOLIDAYS_SOURCE} (financial: ECB)"),
    Calendar("KY", "Cayman Islands", f"Public Holidays Law (Cayman Islands); {HOLIDAYS_SOURCE}"),
    Calendar("MX", "Mexico", f"Ley Federal del Trabajo art. 74; {HOLIDAYS_SOURCE}"),
    Calendar("CA", "Canada (federal statutory holidays)", f"Canada Labour Code and federal statutes; {HOLIDAYS_SOURCE}"),
    Calendar("WEEKENDS", "Weekends only (no holidays)", "Saturdays and Sundays only"),
)
_NAMED = {c.key: c for c in NAMED}
_MARKETS = {"NYSE": "NYSE", "TARGET2": "ECB"}


def _us_states() -> dict[str, str]:
    return {code: name for name, code in holidays.US.subdivisions_aliases.items()}  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from holidays.registry import COUNTRIES

    return {entry[1]: module.replace("_", " ").title() for module, entry in COUNTRIES.items()}


def _country_name(code: str) -> str:
    return _country_names().get(code, code)


@lru_cache(maxsize=2048)
def info(key: str) -> Calendar:
    """The calendar a key names, or ValueError."""
    if key in _NAMED:
        return _NAMED[key]
    if key.startswith("MKT-") and key[4:] in holidays.list_supported_financial():
        return Calendar(key, f"Market {key[4:]}", f"{HOLIDAYS_SOURCE} (financial: {key[4:]})")
    country, _, subdiv = key.partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported or (subdiv and subdiv not in supported[country]):
        raise ValueError(UNKNOWN_CALENDAR.format(key=key))
    if country == "US" and subdiv:
        return Calendar(key, f"U.S. state: {_us_states().get(subdiv, subdiv)}", f"State holidays of {subdiv}; {HOLIDAYS_SOURCE}")
    name = _country_name(country) + (f" ({subdiv})" if subdiv else "")
    return Calendar(key, name, HOLIDAYS_SOURCE)


def is_known(key: str) -> bool:
    try:
        for part in key.split(SEPARATOR):
            info(part)
    except ValueError:
        return False
    return True


def combine(keys: list[str] | tuple[str, ...]) -> str:
    """One calendar string for several calendars ("" when none)."""
    return SEPARATOR.join(sorted(set(keys)))


def name_of(calendar: str) -> str:
    return " and ".join(info(part).name for part in calendar.split(SEPARATOR))


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices in words for the pages: the named calendars, U.S. states, other countries."""
    states = sorted((f"US-{code}", name) for code, name in _us_states().items())
    countries = sorted(((code, name) for code, name in _country_names().items() if code not in _NAMED and code != "US"),
                       key=lambda c: c[1])
    return [
        ("Named in agreements", [(c.key, c.name) for c in NAMED]),
        ("U.S. states", [(key, f"U.S. state: {name}") for key, name in states]),
        ("Other countries", countries),
    ]


@lru_cache(maxsize=1024)
def holiday_names(key: str, year: int) -> dict[date, str]:
    """The days one calendar (never a combination) is closed in `year`, besides weekends, by name."""
    if key == "WEEKENDS":
        return {}
    if key == "NY_BANKS":
        return _fed_banks(year)
    if key == "US_FEDERAL":
        return dict(holidays.country_holidays("US", years=year, observed=True))
    if key == "NY_STATE":
        return dict(holidays.country_holidays("US", subdiv="NY", years=year, observed=True))
    if key in _MARKETS:
        return dict(holidays.financial_holidays(_MARKETS[key], years=year))
    if key.startswith("MKT-"):
        return dict(holidays.financial_holidays(info(key).key[4:], years=year))
    info(key)
    country, _, subdiv = key.partition("-")
    return dict(holidays.country_holidays(country, subdiv=subdiv or None, years=year))


def _fed_banks(year: int) -> dict[date, str]:
    actual = holidays.country_holidays("US", years=[year - 1, year, year + 1], observed=False)
    days = {}
    for day, name in actual.items():
        if day.weekday() == 6:  # Sunday: observed on Monday
            days[day + timedelta(days=1)] = f"{name} (observed)"
        elif day.weekday() < 5:
            days[day] = name
        # Saturday: no substitute day for banks.
    return {d: n for d, n in days.items() if d.year == year}


def closed_days(calendar: str, year: int) -> dict[date, str]:
    """Every weekday a calendar (or a combination) is closed in `year`, each with its names."""
    days: dict[date, list[str]] = {}
    for part in calendar.split(SEPARATOR):
        for day, name in holiday_names(part, year).items():
            if day.weekday() < 5:
                days.setdefault(day, []).append(name)
    return {day: "; ".join(dict.fromkeys(names)) for day, names in sorted(days.items())}
