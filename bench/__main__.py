"""`make bench`: runs every benchmark module in this package (each has a `main()`).

Benchmarks build their data in a throwaway database (pytest-django's test database machinery is
not used here; each module creates and drops `covenant_bench_*` objects inside a transaction that
is rolled back), so they never touch a developer's data.
"""

import importlib
import os
import pkgutil
import sys
import warnings
from pathlib import Path

import django


def run() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "covenant_bench"
    from bench.harness import bench_database

    selected = sys.argv[1:]
    with bench_database():
        for module_info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
            name = module_info.name
            if name.startswith("_") or name == "harness" or (selected and name not in selected):
                continue
            module = importlib.import_module(f"bench.{name}")
            print(f"\n== bench.{name} ==", flush=True)
            module.main()
    return 0


if __name__ == "__main__":
    sys.exit(run())
