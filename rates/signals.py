from django.dispatch import Signal

# Sent inside the write's transaction after an index's values change, with index= and since= (the
# earliest effective date that changed). Receivers re-price what they hold on the index (notes:
# every floating note's payment splits) and raise ValidationError to refuse the change.
index_values_changed = Signal()
