from decimal import Decimal

from django import template

from rates.rules import percent as percent_text

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """7.500000 -> "7.50%": two places, more only when the value has them."""
    return "" if value is None else percent_text(Decimal(value))
