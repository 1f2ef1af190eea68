"""Backup and restore round trips over the demo matter and its uploads, against the real server.

pg_dump reads committed data from its own connection, so these tests commit (transaction=True).
"""

import io
import json
import shutil
import tarfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg2 import sql

from agreements.models import Agreement
from agreements.services import document_upload
from backups import services
from tests.documents.conftest import text_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprints(target: services.Target) -> dict[str, object]:
    """Every table's row count and the MD5 of its rows in a fixed order; every sequence's value.
    Tables and files are listed here, not by the code under test, so a table or file it skipped
    shows up as a difference."""
    database = target.connect()
    try:
        with database.cursor() as cursor:
            found: dict[str, object] = {}
            cursor.execute("SELECT schemaname, tablename FROM pg_tables "
                           "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
            for schema, table in cursor.fetchall():
                name = f"{schema}.{table}"
                cursor.execute(sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {}.{} t"
                ).format(sql.Identifier(schema), sql.Identifier(table)))
                found[name] = cursor.fetchone()
            cursor.execute("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences")
            found.update({f"sequence {name}": value for name, value in cursor.fetchall()})
            return found
    finally:
        database.close()


def media(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def rewrite(archive: Path, out: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of the archive with each member's bytes passed through `change`."""
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as copy:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())  # type: ignore[union-attr]
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return out


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(media_root) -> None:
    """The demo matters (every kind of record, the executed agreement's text) and a PDF upload."""
    call_command("load_demo", stdout=io.StringIO())
    agreement = Agreement.objects.order_by("pk")[0]
    pdf = text_pdf(["Officer's Certificate", "Signed at closing."])
    document_upload(agreement=agreement, upload=SimpleUploadedFile("officer's certificate.pdf", pdf),
                    is_executed=True, by=None)


@pytest.fixture
def fresh(media_root) -> Iterator[services.Target]:
    """A new, empty database on the same server, restored into with the (wiped) media folder."""
    name = f"covenant_restore_{uuid.uuid4().hex[:8]}"
    server = services.Target.default().connect()
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield services.Target({**connection.settings_dict, "NAME": name}, media_root)
    with server.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    server.close()


@pytest.fixture
def backups_dir(tmp_path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def wipe(media_root: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)


def test_a_restore_into_a_fresh_database_brings_back_every_table_and_every_file(
    demo, media_root, fresh, backups_dir, capsys
):
    before, files = fingerprints(services.Target.default()), media(media_root)
    started = time.monotonic()
    backup = services.backup_create(dest=backups_dir)
    backed_up = time.monotonic()
    wipe(media_root)
    assert fingerprints(services.Target.default()) != before
    assert media(media_root) == {}

    result = services.backup_restore(archive=backup.path, force=False, target=fresh)
    restored = time.monotonic()

    assert fingerprints(fresh) == before
    assert media(media_root) == files
    assert len(files) == 2
    assert sum(backup.manifest["tables"].values()) > 500
    assert result.media_files == 2
    with capsys.disabled():
        print(f"\n[backup] {backup.path.name}: {backup.size:,} bytes, "
              f"{len(backup.manifest['tables'])} tables, {sum(backup.manifest['tables'].values()):,} rows; "
              f"backup {backed_up - started:.2f} s, restore {restored - backed_up:.2f} s")


def test_the_manifest_names_the_version_the_migrations_the_rows_and_every_file(demo, media_root, backups_dir):
    backup = services.backup_create(dest=backups_dir / "nightly.tar")

    with tarfile.open(backup.path) as archive:
        names = set(archive.getnames())
        manifest = json.load(archive.extractfile(services.MANIFEST))  # type: ignore[arg-type]
    assert names == {services.MANIFEST, *manifest["files"]}
    assert set(manifest["files"]) == {services.DUMP, *(f"media/{name}" for name in media(media_root))}
    assert manifest["app_version"] == "0.1.0"
    assert ["agreements", "0001_initial"] in manifest["migrations"]
    assert manifest["tables"]["public.agreements_document"] == 2


def test_the_commands_round_trip_over_the_same_database_with_force(demo, media_root, backups_dir):
    before, files = fingerprints(services.Target.default()), media(media_root)
    out = io.StringIO()
    (backups_dir / "covenant-20000101T000000Z.tar.gz").write_bytes(b"an older one")
    call_command("backup", str(backups_dir), "--keep", "1", stdout=out)
    [archive] = backups_dir.glob(services.ARCHIVE_GLOB)
    wipe(media_root)

    call_command("restore", str(archive), "--force", stdout=out)

    assert fingerprints(services.Target.default()) == before
    assert media(media_root) == files
    assert f"Restored {archive}" in out.getvalue()


def test_it_refuses_a_database_that_is_not_empty_without_force(demo, backups_dir):
    call_command("backup", str(backups_dir), stdout=io.StringIO())
    archive = next(backups_dir.glob(services.ARCHIVE_GLOB))

    with pytest.raises(CommandError, match="is not empty .* Run again with --force"):
        call_command("restore", str(archive))


def test_a_damaged_file_is_refused_before_anything_is_restored(demo, fresh, backups_dir, tmp_path):
    backup = services.backup_create(dest=backups_dir)
    damaged = rewrite(backup.path, tmp_path / "damaged.tar.gz",
                      lambda name, data: data + b"!" if name.endswith(".pdf") else data)

    with pytest.raises(services.BackupError, match="pdf does not match its SHA-256"):
        services.backup_restore(archive=damaged, force=False, target=fresh)
    assert fingerprints(fresh) == {}


def test_a_restore_that_does_not_match_the_manifest_is_an_error(demo, fresh, backups_dir, tmp_path):
    backup = services.backup_create(dest=backups_dir)

    def ghost_table(name: str, data: bytes) -> bytes:
        if name != services.MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["tables"]["public.ghost"] = 1
        manifest["tables"]["public.parties_party"] += 1
        return json.dumps(manifest).encode()

    with pytest.raises(services.BackupError) as raised:
        services.backup_restore(archive=rewrite(backup.path, tmp_path / "ghost.tar.gz", ghost_table),
                                force=False, target=fresh)
    assert "table public.ghost is missing" in str(raised.value)
    assert "table public.parties_party has" in str(raised.value)


def test_it_refuses_a_pg_dump_of_another_major_version(settings, demo, backups_dir, tmp_path):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    settings.BACKUP_PG_BIN_DIR = str(fake.parent)

    with pytest.raises(CommandError, match=r"No pg_dump for PostgreSQL \d+ .*\(9\)"):
        call_command("backup", str(backups_dir))
    assert list(backups_dir.iterdir()) == []
