"""Time zones of notice addresses: the zone a place keeps, defaulted from its country and state.

A state spanning two zones gets the zone most of its people keep (Texas: Central; Indiana:
Eastern); counsel edit the address for the rest."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError

UNKNOWN_ZONE = "{zone} is not a time zone (choose one from the list)."

_EASTERN = "America/New_York"
_CENTRAL = "America/Chicago"
_MOUNTAIN = "America/Denver"
_PACIFIC = "America/Los_Angeles"
US_STATES: dict[str, str] = {
    **dict.fromkeys(("CT", "DE", "DC", "FL", "GA", "IN", "KY", "ME", "MD", "MA", "MI", "NH", "NJ", "NY", "NC",
                     "OH", "PA", "RI", "SC", "VT", "VA", "WV"), _EASTERN),
    **dict.fromkeys(("AL", "AR", "IL", "IA", "KS", "LA", "MN", "MS", "MO", "NE", "ND", "OK", "SD", "TN", "TX", "WI"),
                    _CENTRAL),
    **dict.fromkeys(("CO", "ID", "MT", "NM", "UT", "WY"), _MOUNTAIN),
    **dict.fromkeys(("CA", "NV", "OR", "WA"), _PACIFIC),
    "AZ": "America/Phoenix", "AK": "America/Anchorage", "HI": "Pacific/Honolulu", "PR": "America/Puerto_Rico",
}
STATE_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
    "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "puerto rico": "PR", "rhode island": "RI", "south carolina": "SC",
    "south dakota": "SD", "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA",
    "washington": "WA", "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY",
}
CANADA = {"BC": "America/Vancouver", "AB": "America/Edmonton", "SK": "America/Regina", "MB": "America/Winnipeg",
          "ON": "America/Toronto", "QC": "America/Toronto", "NB": "America/Halifax", "NS": "America/Halifax",
          "PE": "America/Halifax", "NL": "America/St_Johns"}
COUNTRIES = {
    "united kingdom": "Europe/London", "england": "Europe/London", "uk": "Europe/London", "ireland": "Europe/Dublin",
    "cayman islands": "America/Cayman", "mexico": "America/Mexico_City", "canada": "America/Toronto",
    "netherlands": "Europe/Amsterdam", "the netherlands": "Europe/Amsterdam", "germany": "Europe/Berlin",
    "france": "Europe/Paris", "luxembourg": "Europe/Luxembourg", "switzerland": "Europe/Zurich",
    "bermuda": "Atlantic/Bermuda", "british virgin islands": "America/Tortola", "japan": "Asia/Tokyo",
    "hong kong": "Asia/Hong_Kong", "singapore": "Asia/Singapore", "australia": "Australia/Sydney",
    "china": "Asia/Shanghai", "israel": "Asia/Jerusalem", "india": "Asia/Kolkata", "brazil": "America/Sao_Paulo",
}
US_NAMES = {"united states", "united states of america", "usa", "us", "u.s.", "u.s.a."}
NAMED_ZONES = {
    _EASTERN: "U.S. Eastern (New York)", _CENTRAL: "U.S. Central (Chicago)", _MOUNTAIN: "U.S. Mountain (Denver)",
    "America/Phoenix": "U.S. Arizona (Phoenix, no daylight saving)", _PACIFIC: "U.S. Pacific (Los Angeles)",
    "America/Anchorage": "U.S. Alaska (Anchorage)", "Pacific/Honolulu": "U.S. Hawaii (Honolulu)",
    "Europe/London": "United Kingdom (London)",
}


def is_us(country: str) -> bool:
    return country.strip().lower() in US_NAMES or not country.strip()


def state_code(state: str) -> str:
    cleaned = state.strip()
    return STATE_NAMES.get(cleaned.lower(), cleaned.upper())


def zone_for(*, country: str, state: str) -> str:
    """The zone an address keeps, from its country and state; the firm's zone when unknown."""
    if is_us(country):
        return US_STATES.get(state_code(state), str(settings.TIME_ZONE))
    if country.strip().lower() == "canada" and state_code(state) in CANADA:
        return CANADA[state_code(state)]
    return COUNTRIES.get(country.strip().lower(), str(settings.TIME_ZONE))


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(UNKNOWN_ZONE.format(zone=value)) from exc


def zone_label(zone: str) -> str:
    return NAMED_ZONES.get(zone, zone.replace("_", " ").replace("/", ": ", 1).replace("/", " / "))


def zone_choices() -> list[tuple[str, str]]:
    """Zones in words, the U.S. ones first, for the pages."""
    named = list(NAMED_ZONES.items())
    rest = sorted((z, zone_label(z)) for z in available_timezones() if "/" in z and z not in NAMED_ZONES
                  and not z.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")))
    return named + sorted(rest, key=lambda c: c[1])
