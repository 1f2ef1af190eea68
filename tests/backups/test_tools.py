"""Choosing pg_dump/pg_restore: the server's major version, from pgserver's bundle or PATH."""

from pathlib import Path

import pytest

from backups import services

REMOTE = services.Target({"NAME": "covenant", "HOST": "postgres", "PORT": 5432}, Path("media"))


def test_for_a_server_elsewhere_it_finds_a_pg_dump_of_its_major_version():
    found = services.pg_tool("pg_dump", target=REMOTE, server_major=16, server_version="16.4")

    assert services._tool_major(found) == 16


def test_it_names_every_pg_restore_it_tried_when_none_is_of_the_servers_version():
    with pytest.raises(services.BackupError, match=r"No pg_restore for PostgreSQL 99 \(the server runs 99\.1\); tried: .*pg_restore \(16\)"):
        services.pg_tool("pg_restore", target=REMOTE, server_major=99, server_version="99.1")
