"""Upgrading with data: a database at an earlier release's schema, holding the demo, migrated to
head; and back again where the migrations claim to be reversible.

The earlier release is commit 3c64c06 (6 Dec 2026, before notice clauses, typed snapshot columns,
margin grids and expiring API tokens): every app at the migration leaf it had then. Between it and
head run two data migrations: `parties.0002` fills every notice address's time zone from its country
and state, and `notes.0012` fills the snapshots' typed columns from their JSON state.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.ops, pytest.mark.django_db(transaction=True)]

EARLIER_RELEASE = [
    ("accounts", "0003_passwordresetemail"),
    ("agreements", "0002_noticerule_offset_days_bounded"),
    ("closings", "0002_closing_reopen_reason"),
    ("core", "0001_initial"),
    ("covenants", "0001_initial"),
    ("deadlines", "0005_deadlines_from_deadlines"),
    ("documents", "0001_initial"),
    ("matters", "0002_initial"),
    ("notes", "0011_note_snapshots"),
    ("notices", "0002_notice_time_zone_convention_evidence"),
    ("parties", "0001_initial"),
    ("rates", "0001_initial"),
    ("registration_rights", "0002_day_count_bounds"),
    ("security_interests", "0001_initial"),
]
# Tables the later migrations create (some of them: every release adds more, and the test finds
# the rest by comparing schemas): going back drops them with their rows.
TABLES_AFTER_THE_RELEASE = {
    "accounts_apitoken", "accounts_apitokenevent", "accounts_securityevent",
    "accounts_securityeventevent", "agreements_noticecopyto", "agreements_noticecopytoevent",
    "notices_notice_copy_parties",
    "notes_marginlevel", "notes_marginratio",
}
SNAPSHOT_COLUMNS = ("summable", "cursor", "accrues", "principal_units", "advanced_units",
                    "commitment_units", "accrued_units", "slope")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _leaves():
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.graph.leaf_nodes()


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    yield
    _migrate(_leaves())


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _counts():
    tables = [name for (name,) in _rows(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'django_migrations'")]
    return {table: _rows(f'SELECT count(*) FROM "{table}"')[0][0] for table in tables}


def _snapshots():
    return _rows(f"SELECT note_id, {', '.join(SNAPSHOT_COLUMNS)} FROM notes_notesnapshot ORDER BY note_id")


def _columns(table):
    return {name for (name,) in _rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])}


def test_the_demo_survives_going_back_to_the_earlier_release_and_up_to_head_again():
    call_command("load_demo", verbosity=0)
    before = _counts()
    snapshots = _snapshots()
    zones = dict(_rows("SELECT id, time_zone FROM parties_noticeaddress"))
    assert len(snapshots) >= 3 and len(zones) >= 10

    _migrate(EARLIER_RELEASE)
    at_release = _counts()
    assert "time_zone" not in _columns("parties_noticeaddress")
    assert "principal_units" not in _columns("notes_notesnapshot")
    later = set(before) - set(at_release)
    assert set(at_release) <= set(before) and TABLES_AFTER_THE_RELEASE <= later
    # Every table the release has keeps every row.
    assert at_release == {t: n for t, n in before.items() if t not in later}

    # Data the earlier release writes itself: an address in London, typed without a zone.
    party_id = _rows("SELECT id FROM parties_party ORDER BY id LIMIT 1")[0][0]
    london = _rows(
        "INSERT INTO parties_noticeaddress (party_id, attention, care_of, street_lines, city, state,"
        " postal_code, country, email, phone, fax, effective_from, effective_until, created_at)"
        " VALUES (%s, '', '', '1 Poultry', 'London', '', 'EC2R 8EJ', 'United Kingdom', '', '', '', '1900-01-01', '1900-12-31', now())"
        " RETURNING id", [party_id])[0][0]
    # ... and a snapshot it stored: 2,500,000 principal units at a rate of 7500 to 4 places.
    changed = snapshots[0][0]
    _rows("UPDATE notes_notesnapshot SET state = jsonb_set(jsonb_set(jsonb_set(state,"
          " '{principal}', '\"2500000\"'), '{rate}', '\"7500\"'), '{rate_places}', '4')"
          " WHERE note_id = %s RETURNING note_id", [changed])

    _migrate(_leaves())
    after = _counts()
    assert after["parties_noticeaddress"] == before["parties_noticeaddress"] + 1
    assert {t: n for t, n in after.items() if not t.startswith("parties_noticeaddress")} == {
        t: (0 if t in later else n)
        for t, n in before.items() if not t.startswith("parties_noticeaddress")}
    # notes.0012 rebuilt every typed column from the JSON state: the very values head wrote.
    assert _snapshots()[1:] == snapshots[1:]
    # Its slope in units of 6 places: 2,500,000 x 7500 x 10^(6 - 4) = 1,875,000,000,000.
    assert _rows("SELECT principal_units, slope FROM notes_notesnapshot WHERE note_id = %s", [changed]) == [
        (Decimal("2500000"), Decimal("1875000000000"))]
    # parties.0002 gave every address the zone of its country and state.
    assert dict(_rows("SELECT id, time_zone FROM parties_noticeaddress WHERE id <> %s", [london])) == zones
    assert _rows("SELECT time_zone FROM parties_noticeaddress WHERE id = %s", [london]) == [("Europe/London",)]

