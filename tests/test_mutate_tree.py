from pathlib import Path

from django.apps import apps

from scripts.mutate_tree import ROOT, also_copy


def test_mutmuts_tree_holds_every_app_of_the_project():
    ours = {c.name.split(".")[0] for c in apps.get_app_configs() if Path(c.path).parent == ROOT}
    assert ours - set(also_copy(ROOT)) == set()
    assert {"config", "templates", "static", "manage.py"} <= set(also_copy(ROOT))
