"""Proposed terms in the JSON API: list them per document (or matter), and decide each one
(accept, edit, reject) through the same service as the review screen."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from core.bounds import BoundedModelSerializer
from documents import proposals
from documents.models import ProposedTerm
from matters.api_access import MatterScopedMixin


class ProposedTermSerializer(BoundedModelSerializer):
    document = serializers.IntegerField(source="document_text.document_id", read_only=True)
    field_label = serializers.SerializerMethodField(help_text='The field, as the review screen names it, e.g. "Governing law"')
    value = serializers.JSONField(read_only=True, allow_null=True)
    decided_value = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = ProposedTerm
        fields = ["id", "document", "path", "field_label", "value", "start", "end", "section", "quote", "confidence",
                  "status", "decided_value", "decided_by", "decided_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_field_label(self, proposal: ProposedTerm) -> str:
        return proposals.label_of(proposal.path)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(d, d.title()) for d in proposals.DECISIONS])
    value = serializers.JSONField(required=False, allow_null=True,
                                  help_text="For edit: the value to accept instead of the proposed one")


class ProposedTermFilter(django_filters.FilterSet):
    document = django_filters.NumberFilter(field_name="document_text__document", help_text="Only this document's")

    class Meta:
        model = ProposedTerm
        fields = ["document", "status"]


class ProposedTermViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, MatterScopedMixin):
    serializer_class = ProposedTermSerializer
    queryset = ProposedTerm.objects.select_related("document_text").order_by("document_text_id", "start", "path")
    matter_lookup = "document_text__document__agreement__matter"
    filterset_class = ProposedTermFilter

    @extend_schema(request=DecisionSerializer, responses=ProposedTermSerializer)
    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def decide(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        self.check_matter_writable(self.matter_of(proposal))
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            decided = proposals.proposal_decide(proposal=proposal, decision=data.validated_data["decision"],
                                                value=data.validated_data.get("value"), by=request.user)
        except proposals.AlreadyDecided as decided_before:
            return Response({"detail": decided_before.message_dict["decision"][0]}, status=status.HTTP_409_CONFLICT)
        return Response(ProposedTermSerializer(decided, context=self.get_serializer_context()).data)


def register(router: BaseRouter) -> None:
    router.register("proposed-terms", ProposedTermViewSet, basename="proposed-term")
