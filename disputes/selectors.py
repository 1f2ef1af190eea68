from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from deadlines.models import Obligation
from disputes.models import Dispute


def dispute_obligations(dispute: Dispute) -> QuerySet[Obligation]:
    return Obligation.objects.filter(source_type=ContentType.objects.get_for_model(Dispute), source_id=dispute.pk)
