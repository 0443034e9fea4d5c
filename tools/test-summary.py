#!/usr/bin/env python3
"""Totals for tests/run.sh: reads the TRX files of `dotnet test` (and node's TAP output) and prints
the test counts, the last line being exactly `N passed, N failed, N skipped`.

    python3 tools/test-summary.py --trx-dir artifacts/test-results \
        [--dotnet-log artifacts/test-results/dotnet-test.log] [--dotnet-exit 0] \
        [--node-tap artifacts/test-results/node.tap] [--node-exit 0]

Exit code: 0 when at least one test ran, none failed and none was skipped; 1 otherwise. A skipped test
fails the run (its name is printed): a test that did not run proves nothing, so CI must not look green.

TRX outcomes: Passed, PassedButRunAborted, Warning, Completed count as passed; Failed, Error, Timeout,
Aborted as failed; NotExecuted (xunit's skipped), Inconclusive and the rest as skipped.
The TRX totals are checked against dotnet's own per-assembly lines (`Passed!  - Failed: 0, Passed: 32,
Skipped: 0, Total: 32 - X.dll`); if they disagree (a TRX file lost or overwritten) a warning says so and
dotnet's counts are used. A runner that exits non-zero without any failing test (build error, crashed
test host) counts as one failed test, so the totals never look green when the run was not.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

TRX_NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
PASSED = {"Passed", "PassedButRunAborted", "Warning", "Completed"}
FAILED = {"Failed", "Error", "Timeout", "Aborted"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DOTNET_LINE = re.compile(
    r"^\s*(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+),\s+Total:\s+(\d+)(.*)$"
)


class Counts:
    def __init__(self, passed: int = 0, failed: int = 0, skipped: int = 0) -> None:
        self.passed, self.failed, self.skipped = passed, failed, skipped

    def add(self, other: "Counts") -> None:
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.skipped

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Counts) and (self.passed, self.failed, self.skipped) == (other.passed, other.failed, other.skipped)

    def __str__(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def read_trx(path: str) -> tuple[Counts, str, list[str]]:
    """Counts, a label (the test assemblies) and the names of the skipped tests."""
    root = ET.parse(path).getroot()
    counts = Counts()
    skipped: list[str] = []
    results = root.find(f"{TRX_NS}Results")
    for result in results.findall(f"{TRX_NS}UnitTestResult") if results is not None else []:
        outcome = result.get("outcome", "")
        if outcome in PASSED:
            counts.passed += 1
        elif outcome in FAILED:
            counts.failed += 1
        else:
            counts.skipped += 1
            skipped.append(result.get("testName", "?"))
    storages = {os.path.basename(d.get("storage", "")) for d in root.iter(f"{TRX_NS}UnitTest") if d.get("storage")}
    label = ", ".join(sorted(storages)) or os.path.basename(path)
    return counts, label, skipped


def read_dotnet_log(path: str) -> Counts | None:
    if not path or not os.path.exists(path):
        return None
    counts, seen = Counts(), False
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = DOTNET_LINE.match(ANSI.sub("", line))
            if m:
                seen = True
                counts.add(Counts(passed=int(m.group(2)), failed=int(m.group(1)), skipped=int(m.group(3))))
    return counts if seen else None


def read_node_tap(path: str) -> Counts | None:
    if not path or not os.path.exists(path):
        return None
    values: dict[str, int] = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^# (pass|fail|skipped|todo|cancelled) (\d+)\s*$", line)
            if m:
                values[m.group(1)] = int(m.group(2))
    if not values:
        return None
    return Counts(
        passed=values.get("pass", 0),
        failed=values.get("fail", 0) + values.get("cancelled", 0),
        skipped=values.get("skipped", 0) + values.get("todo", 0),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trx-dir", required=True)
    parser.add_argument("--dotnet-log")
    parser.add_argument("--dotnet-exit", type=int)
    parser.add_argument("--node-tap")
    parser.add_argument("--node-exit", type=int)
    args = parser.parse_args()

    dotnet = Counts()
    skipped_names: list[str] = []
    for path in sorted(glob.glob(os.path.join(args.trx_dir, "**", "*.trx"), recursive=True)):
        try:
            counts, label, skipped = read_trx(path)
        except ET.ParseError as e:
            print(f"test-summary: cannot read {path}: {e}")
            continue
        print(f"  dotnet  {label}: {counts}")
        dotnet.add(counts)
        skipped_names.extend(skipped)

    console = read_dotnet_log(args.dotnet_log) if args.dotnet_log else None
    if console is not None and console != dotnet:
        print(f"test-summary: WARNING: TRX files say {dotnet} but dotnet printed {console}; using dotnet's counts")
        dotnet = console
    if args.dotnet_exit not in (None, 0) and dotnet.failed == 0:
        print(f"test-summary: dotnet test exited {args.dotnet_exit} without a failing test "
              "(build error or crashed test host?): counted as 1 failed")
        dotnet.failed += 1

    total = Counts()
    total.add(dotnet)

    if args.node_tap is not None or args.node_exit is not None:
        node = read_node_tap(args.node_tap) or Counts()
        print(f"  node    tools/js/test: {node}")
        if args.node_exit not in (None, 0) and node.failed == 0:
            print(f"test-summary: node --test exited {args.node_exit} without a failing test: counted as 1 failed")
            node.failed += 1
        total.add(node)

    if total.passed + total.failed == 0:
        print("test-summary: no test ran")
    if total.skipped > 0:
        for name in skipped_names:
            print(f"  skipped: {name}")
        print(f"test-summary: {total.skipped} test(s) skipped: a skipped test counts against the run (exit code 1)")
    print(str(total))
    return 0 if total.failed == 0 and total.skipped == 0 and total.passed + total.failed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
