"""Fresh copy of the tree for `make mutate` under .local/mutate/tree.

mutmut runs the tests from its own `mutants/` folder, into which it copies only what `also_copy`
names. The list is written into the copy's pyproject.toml here, from every package at the root, so
an app added later is never missing from the mutants' tree (a missing one stops every run at
django.setup). The copy is fresh each run: mutmut would otherwise keep the results of mutants whose
source did not change even when the tests did."""

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / ".local" / "mutate" / "tree"
IGNORE = shutil.ignore_patterns(".git", ".local", ".venv", "mutants", "__pycache__")


def also_copy(root: Path) -> list[str]:
    packages = sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    return [*packages, "templates", "static", "manage.py"]


def main() -> None:
    shutil.rmtree(TREE, ignore_errors=True)
    shutil.copytree(ROOT, TREE, symlinks=True, ignore=IGNORE)
    pyproject = TREE / "pyproject.toml"
    listed = ", ".join(f'"{name}"' for name in also_copy(ROOT) if name != "tests")
    text = re.sub(r"(?m)^\[tool\.mutmut\]\n", f"[tool.mutmut]\nalso_copy = [{listed}]\n", pyproject.read_text())
    pyproject.write_text(text)


if __name__ == "__main__":
    main()
