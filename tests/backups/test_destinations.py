"""Where `backup DEST` writes: refused before anything is dumped when DEST cannot be written."""

import pytest

from backups import services


def test_it_refuses_a_file_name_that_is_not_a_tar_archive(tmp_path):
    with pytest.raises(services.BackupError, match="neither a folder nor a file name ending in .tar"):
        services.backup_create(dest=tmp_path / "backup.zip")


def test_it_refuses_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(services.BackupError, match="There is no folder .*missing"):
        services.backup_create(dest=tmp_path / "missing" / "backup.tar.gz")
