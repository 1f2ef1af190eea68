"""Retention: `backup DEST --keep N` keeps the newest N archives it named, and nothing else goes."""

import pytest

from backups import services


def test_it_keeps_the_newest_archives_and_leaves_other_files_alone(tmp_path):
    names = [f"covenant-2026120{day}T020000Z.tar.gz" for day in range(1, 6)]
    for name in [*names, "covenant-manual.tar", "notes.txt"]:
        (tmp_path / name).write_bytes(b"x")

    pruned = services.backups_prune(directory=tmp_path, keep=2)

    assert [path.name for path in pruned] == names[:3]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*names[3:], "covenant-manual.tar", "notes.txt"])


def test_it_refuses_to_keep_no_backup_at_all(tmp_path):
    with pytest.raises(services.BackupError, match="Keep at least one"):
        services.backups_prune(directory=tmp_path, keep=0)
