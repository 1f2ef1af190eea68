"""Checklist templates per agreement kind. Counsel pick which apply and add their own."""

NOTE_PURCHASE = [
    # (description, kind, delivered by: "company" | "purchaser", post-closing days)
    ("Executed note purchase agreement", "document", "company", None),
    ("The Note, executed", "document", "company", None),
    ("Each ancillary agreement named as an exhibit, executed", "document", "company", None),
    ("Purchase price by wire", "funds", "purchaser", None),
    ("Officer's certificate", "certificate", "company", None),
    ("Secretary's certificate (charter, bylaws, resolutions, incumbency)", "certificate", "company", None),
    ("Good-standing certificate (dated within 10 business days)", "certificate", "company", None),
    ("Legal opinion of the Company's counsel", "document", "company", None),
    ("Board resolutions authorizing the financing", "document", "company", None),
    ("UCC-1 financing statement filed; acknowledgment copy", "filing", "company", 10),
]
TEMPLATES = {"note_purchase": NOTE_PURCHASE}
