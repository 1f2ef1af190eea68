from typing import Any

from django.db import transaction
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request

from core.bounds import BoundedModelSerializer
from matters.access import READ_ONLY, can_edit_directory
from parties import services
from parties.models import NoticeAddress, Party
from parties.selectors import party_list


class NoticeAddressSerializer(BoundedModelSerializer):
    id = serializers.IntegerField(required=False)

    class Meta:
        model = NoticeAddress
        fields = [
            "id", "attention", "care_of", "care_of_party", "street_lines", "city", "state", "postal_code",
            "country", "phone", "fax", "email", "time_zone", "effective_from", "effective_until",
        ]
        # Overlap with the party's other addresses is checked by the service and the database.
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        until, since = attrs.get("effective_until"), attrs.get("effective_from")
        if until and since and until < since:
            raise serializers.ValidationError({"effective_until": "Effective until cannot be before effective from."})
        return attrs


class PartySerializer(BoundedModelSerializer):
    notice_addresses = NoticeAddressSerializer(many=True, required=False)

    class Meta:
        model = Party
        fields = [
            "id", "kind", "legal_name", "entity_type", "jurisdiction", "organizational_id",
            "notice_addresses", "created_at", "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Party:
        addresses = validated_data.pop("notice_addresses", [])
        return services.party_create(data=validated_data, addresses=addresses)

    @transaction.atomic
    def update(self, instance: Party, validated_data: dict[str, Any]) -> Party:
        """Addresses with an `id` are edited; those without are added (superseding the old)."""
        addresses = validated_data.pop("notice_addresses", None)
        party = services.party_update(party=instance, data=validated_data)
        for data in sorted(addresses or [], key=lambda a: a.get("effective_from")):
            address_id = data.pop("id", None)
            if address_id is None:
                services.notice_address_add(party=party, data=data)
                continue
            address = party.notice_addresses.filter(pk=address_id).first()
            if address is None:
                raise serializers.ValidationError({"notice_addresses": [f"Address {address_id} is not this party's."]})
            services.notice_address_update(address=address, data=data)
        return party


class DirectoryAccess(permissions.BasePermission):
    message = READ_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or can_edit_directory(request.user)


class PartyViewSet(viewsets.ModelViewSet):
    """The shared party directory. Counsel and admins edit it; finance users read it."""

    serializer_class = PartySerializer
    permission_classes = [DirectoryAccess]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    search_fields = ["legal_name", "jurisdiction"]
    filterset_fields = ["kind", "jurisdiction"]
    ordering_fields = ["legal_name", "id"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return party_list(user=self.request.user).order_by("legal_name", "id")
