from django.dispatch import Signal

# Sent after a note's status changes, with note=, old_status=, new_status=. Receivers only call
# their own app's service (security_interests: a paid-off secured note needs a UCC termination).
note_status_changed = Signal()
