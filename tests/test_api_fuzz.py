"""`make test`'s short schemathesis pass over the whole API (`make fuzz` runs the long one): a live
gunicorn on its own database with the demo data, fuzzed as an admin, counsel and finance user.
It fails on any 500, any undocumented status code and any response that violates the schema."""

from scripts.fuzz import fuzz


def test_fuzzed_api_requests_from_every_role_get_no_500_and_answers_that_match_the_schema():
    results = fuzz(max_examples=30, max_seconds=60, seed=20261202)
    report = "\n".join(f"===== as {role}\n{result.stdout}" for role, result in results.items())
    assert {role: result.returncode for role, result in results.items()} == {
        "admin": 0, "counsel": 0, "cfo": 0}, report
