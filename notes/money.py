"""Money: an amount in one currency, rounded to that currency's minor unit.

Our own small frozen dataclass rather than py-moneyed: the dashboard needs exactly two rules,
"never add two currencies" and "round to the currency's minor unit (half-up)", and nothing else
(no formatting locales, no exchange rates), so a library and its Babel dependency would add more
than they give. Adding amounts of different currencies raises `CurrencyMismatch`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# ISO 4217 minor units that are not 2 (the default).
MINOR_UNITS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
}


class CurrencyMismatch(TypeError):
    pass


def minor_unit(currency: str) -> int:
    return MINOR_UNITS.get(currency.upper(), 2)


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        currency = self.currency.upper()
        exponent = Decimal(1).scaleb(-minor_unit(currency))
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "amount", Decimal(self.amount).quantize(exponent, rounding=ROUND_HALF_UP))

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(Decimal(0), currency)

    def __add__(self, other: Any) -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(f"Cannot add {other.currency} to {self.currency}.")
        return Money(self.amount + other.amount, self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount:,}"
