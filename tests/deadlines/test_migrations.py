"""Existing reminder rows get the due date in their occasion key, so a moved date is reminded again
and an unmoved one is not reminded twice."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.deadlines.factories import ObligationFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("deadlines", "0003_message_id_not_indexed")]
AFTER = [("deadlines", "0004_overdue_recurrence_superseded")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Going back to 0003 also unapplies what depends on later deadlines migrations (covenants):
    the tests after this one need every app at its latest migration again."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_old_before_and_escalation_keys_get_the_obligations_due_date(matter):
    obligation = ObligationFactory(matter=matter)
    _migrate(BEFORE)
    with connection.cursor() as cursor:
        for occasion in ("before:7", "escalation:1", "overdue:2026-06-13"):
            cursor.execute(
                "INSERT INTO deadlines_delivery (obligation_id, recipient_email, kind, occasion, due_at, status,"
                " attempts, last_error, message_id, subject, created_at)"
                " VALUES (%s, 'x@example.net', 'reminder', %s, now(), 'sent', 1, '', %s, '', now())",
                [obligation.pk, occasion, f"<{occasion}@covenant>"])
    _migrate(AFTER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT occasion FROM deadlines_delivery ORDER BY occasion")
        occasions = [row[0] for row in cursor.fetchall()]
    assert occasions == ["before:7:2026-06-12", "escalation:1:2026-06-12", "overdue:2026-06-13"]
