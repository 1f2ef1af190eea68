"""Backup and restore: one archive holding a PostgreSQL dump, every uploaded file and a manifest.

The archive is a tar file (gzipped when its name ends in .gz):

    database.dump   `pg_dump --format=custom` by the pg_dump of the server's major version
    media/...       every file under MEDIA_ROOT, at the same relative path
    manifest.json   app version, applied migrations, rows per table, SHA-256 of every other member

The row counts and migrations are read inside the snapshot that pg_dump dumps (it is exported by
a REPEATABLE READ transaction and handed to `pg_dump --snapshot`), so the manifest describes the
dump exactly even while the application keeps writing. A restore checks every file against the
manifest before it touches anything, restores in one transaction, then checks the database's row
counts and the media files' hashes against the manifest again.
"""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import psycopg2
from django.conf import settings
from django.db import connections
from psycopg2 import sql
from psycopg2.extensions import make_dsn

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media/"
ARCHIVE_GLOB = "covenant-*.tar.gz"

NO_MATCHING_TOOL = (
    "No {tool} for PostgreSQL {major} (the server runs {server}); tried: {tried}. Install the "
    "PostgreSQL {major} client tools or point BACKUP_PG_BIN_DIR at their bin folder."
)
BAD_DESTINATION = "{dest} is neither a folder nor a file name ending in .tar, .tar.gz or .tgz."
NO_FOLDER = "There is no folder {folder} to write the backup in."
DATABASE_NOT_EMPTY = (
    "The database {name!r} is not empty ({tables} tables, {rows} rows); restoring replaces "
    "everything in it. Run again with --force to do that."
)
ARCHIVE_INVALID = "{archive} is not a usable Covenant backup: {reason}"
ARCHIVE_TOO_NEW = (
    "{archive} was dumped from PostgreSQL {dumped}; this server runs {server}, which cannot read it."
)
RESTORE_MISMATCH = "The restored data does not match the backup's manifest:\n{problems}"
KEEP_TOO_SMALL = "Keep at least one backup (BACKUP_KEEP / --keep must be 1 or more)."
TOOL_FAILED = "{tool} failed (exit {code}): {error}"

# Django-only OPTIONS keys that are not libpq connection parameters.
_DJANGO_OPTIONS = {"isolation_level", "assume_role", "server_side_binding", "pool"}


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Target:
    """One database (a Django settings_dict) and one media folder: what is backed up or restored."""

    database: dict[str, Any]
    media_root: Path

    @classmethod
    def default(cls) -> "Target":
        return cls(dict(connections["default"].settings_dict), Path(settings.MEDIA_ROOT))

    def params(self) -> dict[str, Any]:
        options = {k: v for k, v in (self.database.get("OPTIONS") or {}).items() if k not in _DJANGO_OPTIONS}
        keys = {"dbname": "NAME", "user": "USER", "host": "HOST", "port": "PORT"}
        named = {key: self.database.get(name) for key, name in keys.items()}
        return {k: str(v) for k, v in {**named, **options}.items() if v not in (None, "")}

    def dsn(self) -> str:
        """The connection string for the PostgreSQL tools; the password goes by environment."""
        return make_dsn(**self.params())

    def connect(self) -> Any:
        return psycopg2.connect(self.dsn(), password=self.database.get("PASSWORD") or None)

    def tool_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.database.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.database["PASSWORD"])
        return env

    def is_embedded(self) -> bool:
        """The project-local server of `make run`: pgserver puts its socket in the data folder."""
        host = str(self.database.get("HOST") or "")
        return host.startswith("/") and (Path(host) / "PG_VERSION").exists()


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    size: int
    pruned: list[Path] = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    media_files: int
    media_bytes: int
    warnings: list[str]


# --- PostgreSQL tools -----------------------------------------------------------------------------


def _bundled_bin_dir() -> Path | None:
    try:
        from pgserver._commands import POSTGRES_BIN_PATH
    except ImportError:
        return None
    return Path(POSTGRES_BIN_PATH)


def _tool_major(executable: str) -> int | None:
    try:
        output = subprocess.run([executable, "--version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"\(PostgreSQL\) (\d+)", output)
    return int(found.group(1)) if found else None


def pg_tool(tool: str, *, target: Target, server_major: int, server_version: str) -> str:
    """The `tool` (pg_dump, pg_restore) of the server's major version: BACKUP_PG_BIN_DIR when set;
    else pgserver's own for the embedded server, then the one on PATH; else the other way round."""
    bundled = _bundled_bin_dir()
    if settings.BACKUP_PG_BIN_DIR:
        folders: list[Path | None] = [Path(settings.BACKUP_PG_BIN_DIR)]
    elif target.is_embedded():
        folders = [bundled, None]
    else:
        folders = [None, bundled]
    tried = []
    for folder in dict.fromkeys(folders):  # in order, once each
        executable = str(folder / tool) if folder else shutil.which(tool)
        if executable is None:
            continue
        major = _tool_major(executable)
        if major == server_major:
            return executable
        tried.append(f"{executable} ({major or 'not runnable'})")
    raise BackupError(NO_MATCHING_TOOL.format(
        tool=tool, major=server_major, server=server_version, tried=", ".join(tried) or "nothing found",
    ))


def _run(command: list[str], target: Target) -> None:
    finished = subprocess.run(command, capture_output=True, text=True, env=target.tool_env())
    if finished.returncode != 0:
        error = finished.stderr.strip() or finished.stdout.strip()
        tool = Path(command[0]).name
        raise BackupError(TOOL_FAILED.format(tool=tool, code=finished.returncode, error=error))


# --- reading the database -------------------------------------------------------------------------


def _server_version(cursor: Any) -> tuple[int, str]:
    cursor.execute("SELECT current_setting('server_version_num')::int, current_setting('server_version')")
    number, version = cursor.fetchone()
    return number // 10000, version


def row_counts(cursor: Any) -> dict[str, int]:
    """Rows in every ordinary table outside PostgreSQL's own schemas, keyed "schema.table"."""
    cursor.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg\\_toast%%' AND n.nspname NOT LIKE 'pg\\_temp%%' ORDER BY 1, 2"
    )
    counts = {}
    for schema, table in cursor.fetchall():
        name = sql.Identifier(schema, table)
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(name))
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _migrations(cursor: Any) -> list[list[str]]:
    cursor.execute("SELECT to_regclass('django_migrations') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [[app, name] for app, name in cursor.fetchall()]


def _app_version() -> str:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


# --- files ----------------------------------------------------------------------------------------


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, Path]:
    """Every regular file under `root`, keyed by its archive name ("media/<relative path>")."""
    if not root.is_dir():
        return {}
    files = sorted(path for path in root.rglob("*") if path.is_file())
    return {MEDIA + path.relative_to(root).as_posix(): path for path in files}


def _add_file(archive: tarfile.TarFile, source: Path, name: str) -> str:
    with source.open("rb") as handle:
        info = archive.gettarinfo(arcname=name, fileobj=handle)
        reader = _HashingReader(handle)
        archive.addfile(info, reader)  # type: ignore[arg-type]  # tarfile only calls read()
    return reader.digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


# --- backup ---------------------------------------------------------------------------------------


def _archive_path(dest: Path, now: datetime) -> tuple[Path, bool]:
    """Where the archive goes and whether it is gzipped."""
    if dest.is_dir():
        return dest / f"covenant-{now:%Y%m%dT%H%M%SZ}.tar.gz", True
    if dest.name.endswith((".tar.gz", ".tgz")):
        return dest, True
    if dest.name.endswith(".tar"):
        return dest, False
    raise BackupError(BAD_DESTINATION.format(dest=dest))


def _dump(target: Target, path: Path) -> dict[str, Any]:
    """pg_dump into `path`, and what the dump holds, read in the very snapshot it dumped."""
    connection = target.connect()
    try:
        connection.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with connection.cursor() as cursor:
            major, version = _server_version(cursor)
            pg_dump = pg_tool("pg_dump", target=target, server_major=major, server_version=version)
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", "--file", str(path),
                  "--dbname", target.dsn()], target)
            return {
                "database": {"name": target.database["NAME"], "server_version": version,
                             "server_major": major},
                "migrations": _migrations(cursor),
                "tables": row_counts(cursor),
            }
    finally:
        connection.close()


def backup_create(*, dest: Path, target: Target | None = None, keep: int | None = None) -> BackupResult:
    target = target or Target.default()
    if keep is not None and keep < 1:
        raise BackupError(KEEP_TOO_SMALL)
    now = datetime.now(UTC)
    path, gzipped = _archive_path(dest, now)
    if not path.parent.is_dir():
        raise BackupError(NO_FOLDER.format(folder=path.parent))
    partial = path.with_name(f".{path.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix=".covenant-backup-", dir=path.parent) as work:
            dump = Path(work) / DUMP
            state = _dump(target, dump)
            with tarfile.open(partial, "w:gz" if gzipped else "w") as archive:
                files = {DUMP: _add_file(archive, dump, DUMP)}
                # Listed after the dump, so every file a dumped row names is there (unless it was
                # deleted since: then it is gone either way); later uploads are harmless extras.
                for name, source in media_files(target.media_root).items():
                    try:
                        files[name] = _add_file(archive, source, name)
                    except FileNotFoundError:
                        continue
                manifest = {"format": FORMAT, "app_version": _app_version(),
                            "created_at": now.isoformat(), **state, "files": files}
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    pruned = backups_prune(directory=dest, keep=keep) if keep is not None and dest.is_dir() else []
    return BackupResult(path=path, manifest=manifest, size=path.stat().st_size, pruned=pruned)


def backups_prune(*, directory: Path, keep: int) -> list[Path]:
    """Deletes all but the newest `keep` archives this command named (covenant-<UTC time>.tar.gz)."""
    if keep < 1:
        raise BackupError(KEEP_TOO_SMALL)
    doomed = sorted(directory.glob(ARCHIVE_GLOB))[:-keep]
    for path in doomed:
        path.unlink()
    return doomed


# --- restore --------------------------------------------------------------------------------------


def _unpack(archive: Path, staging: Path) -> dict[str, Any]:
    """Extracts the archive and checks every member against the manifest, before anything is
    restored: a damaged archive changes nothing."""
    try:
        with tarfile.open(archive) as tar:
            names = {member.name for member in tar.getmembers() if member.isfile()}
            if not {MANIFEST, DUMP} <= names:
                raise BackupError(ARCHIVE_INVALID.format(archive=archive, reason=f"no {MANIFEST} or {DUMP}"))
            tar.extractall(staging, filter="data")
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, tarfile.TarError, ValueError) as exc:
        raise BackupError(ARCHIVE_INVALID.format(archive=archive, reason=exc)) from exc
    if manifest.get("format") != FORMAT:
        reason = f"format {manifest.get('format')!r}"
        raise BackupError(ARCHIVE_INVALID.format(archive=archive, reason=reason))
    expected: dict[str, str] = manifest["files"]
    unlisted = sorted(names - {MANIFEST} - set(expected))
    problems = [f"{name} is not listed in the manifest" for name in unlisted]
    for name, digest in expected.items():
        if name not in names:
            problems.append(f"{name} is missing")
        elif _sha256(staging / name) != digest:
            problems.append(f"{name} does not match its SHA-256")
    if problems:
        raise BackupError(ARCHIVE_INVALID.format(archive=archive, reason="; ".join(problems)))
    return manifest


def _media_put(staging: Path, root: Path) -> tuple[int, int]:
    count = size = 0
    for name, source in media_files(staging).items():
        destination = root / name.removeprefix(MEDIA)
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = destination.with_name(f".{destination.name}.restoring")
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)
        count, size = count + 1, size + source.stat().st_size
    return count, size


def _verify(manifest: dict[str, Any], cursor: Any, media_root: Path) -> tuple[list[str], list[str]]:
    problems, warnings = [], []
    counts = row_counts(cursor)
    for table, expected in manifest["tables"].items():
        if table not in counts:
            problems.append(f"table {table} is missing")
        elif counts[table] != expected:
            problems.append(f"table {table} has {counts[table]} rows, the backup {expected}")
    for table in sorted(set(counts) - set(manifest["tables"])):
        warnings.append(f"table {table} is not in the backup; left as it was")
    if _migrations(cursor) != manifest["migrations"]:
        problems.append("the applied migrations differ from the backup's")
    for name, digest in manifest["files"].items():
        path = media_root / name.removeprefix(MEDIA)
        if name.startswith(MEDIA) and (not path.is_file() or _sha256(path) != digest):
            problems.append(f"{path} is missing or differs from the backup")
    return problems, warnings


def backup_restore(*, archive: Path, force: bool, target: Target | None = None) -> RestoreResult:
    target = target or Target.default()
    with tempfile.TemporaryDirectory(prefix="covenant-restore-") as work:
        staging = Path(work)
        manifest = _unpack(archive, staging)
        connection = target.connect()
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                major, version = _server_version(cursor)
                existing = row_counts(cursor)
            if existing and not force:
                raise BackupError(DATABASE_NOT_EMPTY.format(
                    name=target.database["NAME"], tables=len(existing), rows=sum(existing.values())))
            if manifest["database"]["server_major"] > major:
                raise BackupError(ARCHIVE_TOO_NEW.format(
                    archive=archive, dumped=manifest["database"]["server_version"], server=version))
            pg_restore = pg_tool("pg_restore", target=target, server_major=major, server_version=version)
            clean = ["--clean", "--if-exists"] if existing else []
            _run([pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                  *clean, "--dbname", target.dsn(), str(staging / DUMP)], target)
            files, size = _media_put(staging / MEDIA, target.media_root)
            with connection.cursor() as cursor:
                problems, warnings = _verify(manifest, cursor, target.media_root)
        finally:
            connection.close()
    if problems:
        raise BackupError(RESTORE_MISMATCH.format(problems="\n".join(f"- {p}" for p in problems)))
    return RestoreResult(manifest=manifest, media_files=files, media_bytes=size, warnings=warnings)
