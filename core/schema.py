"""OpenAPI post-processing: the error answers every operation can give, so clients (and the
schemathesis fuzzing in `make test`) know a 400/401/403/404, a 414 for an over-long URL, and a 409
on a write, is part of the contract."""

from typing import Any

ERROR = {
    "type": "object",
    "description": "`detail` for a refusal, or each field's list of messages for invalid input.",
    "additionalProperties": True,
}
ANSWERS = {
    "400": "Invalid input: field errors, or an unknown query parameter",
    "401": "No valid token or session",
    "403": "Signed in, but not allowed to do this",
    "404": "No such record, or not visible to you",
}
# Answered by the HTTP server (gunicorn's 4,094-byte request-line limit), before Django: no body
# the API shapes, so none is documented.
SERVER_ANSWERS = {"414": "The URL is longer than the server accepts"}
WRITE_ANSWERS = {"409": "The record changed since you read it, or its state does not allow this"}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                responses = operation.setdefault("responses", {})
                answers = ANSWERS | (WRITE_ANSWERS if method != "get" else {})
                for code, description in answers.items():
                    responses.setdefault(code, {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR}},
                    })
                for code, description in SERVER_ANSWERS.items():
                    responses.setdefault(code, {"description": description})
    return result
