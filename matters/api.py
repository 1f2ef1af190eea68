from typing import Any

from rest_framework import serializers, viewsets

from matters import services
from matters.access import visible_matters
from matters.api_access import MatterAccess
from matters.models import Matter, Membership


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["user", "username", "role"]


class MatterSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Matter
        fields = [
            "id", "name", "client", "status", "description", "holiday_calendar", "memberships",
            "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Matter:
        return services.matter_create(data=validated_data, by=self.context["request"].user)

    def update(self, instance: Matter, validated_data: dict[str, Any]) -> Matter:
        return services.matter_update(matter=instance, data=validated_data)


class MatterViewSet(viewsets.ModelViewSet):
    serializer_class = MatterSerializer
    permission_classes = [MatterAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    search_fields = ["name", "client__legal_name"]
    filterset_fields = ["status", "client"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return (
            visible_matters(self.request.user)
            .select_related("client")
            .prefetch_related("memberships__user")
            .order_by("name", "id")
        )

    def matter_of(self, obj: Matter) -> Matter:
        return obj
