"""Kill rate per module after `mutmut run` (read from mutmut's `mutants/<module>.meta` files).

Usage: python -m bench.notes_mutation [MUTANTS_DIR]. A mutant counts as killed when a test failed
(or it timed out: the tests noticed it); survivors, mutants no test reaches and mutants whose run
broke (any other exit code, e.g. the test run could not start) count against it. Exits 1 when the
overall kill rate is under 90%, the floor the project keeps.
"""

import json
import sys
import tomllib
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255}  # mutmut's exit codes for "killed" and "timeout"
SURVIVED = {0}
NO_TESTS = {5, 33}
FLOOR = 90.0


def kill_rates(mutants_dir: Path, modules: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(module, mutants, killed, survived, no tests) for each module."""
    rows = []
    for module in modules:
        meta = mutants_dir / (module + ".meta")
        codes = json.loads(meta.read_text())["exit_code_by_key"].values() if meta.exists() else []
        counts = Counter("killed" if c in KILLED else "survived" if c in SURVIVED else "no tests" if c in NO_TESTS
                         else "other" for c in codes)
        rows.append((module, len(codes), counts["killed"], counts["survived"], counts["no tests"]))
    return rows


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(".")
    modules = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["mutmut"]["source_paths"]
    print(f"{'module':36} {'mutants':>8} {'killed':>7} {'survived':>9} {'no tests':>9} {'kill rate':>10}")
    for module, total, killed, survived, untested in kill_rates(root / "mutants", modules):
        rate = f"{100 * killed / total:.1f}%" if total else "n/a"
        print(f"{module:36} {total:8} {killed:7} {survived:9} {untested:9} {rate:>10}")
    rows = kill_rates(root / "mutants", modules)
    total, killed = sum(r[1] for r in rows), sum(r[2] for r in rows)
    overall = 100 * killed / total if total else 0.0
    print(f"{'all modules':36} {total:8} {killed:7} {'':9} {'':9} {overall:9.1f}%")
    if overall < FLOOR:
        print(f"kill rate {overall:.1f}% is under the {FLOOR:.0f}% floor (see .local/mutate/mutmut.log)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
