from datetime import date
from decimal import Decimal
from typing import Any

from registration_rights.selectors import rights_list, rights_position


def damages_panel(user: Any, as_of: date) -> tuple[str, dict[str, Any]] | None:
    """Accrued liquidated damages beside the notes on the CFO dashboard (fixed query count)."""
    rows = [(r, rights_position(r, as_of)) for r in rights_list(user=user)]
    if not rows:
        return None
    total = sum((p.liquidated_damages_accrued or Decimal(0) for _, p in rows), Decimal(0))
    return "registration_rights/_dashboard_panel.html", {"rows": rows, "total": total}
