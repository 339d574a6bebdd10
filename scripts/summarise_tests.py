#!/usr/bin/env python3
"""Print how many tests ran in each pass of ``make test`` and a closing total.

python scripts/summarise_tests.py "LABEL=report.xml" ...
"""

import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own pytest reports
from pathlib import Path


def counts(report: Path) -> dict[str, int]:
    suite = ET.parse(report).getroot()  # noqa: S314
    if suite.tag == "testsuites":
        suite = suite[0]
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    return {"passed": total - failed - skipped, "failed": failed, "skipped": skipped}


def main(args: list[str]) -> int:
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    print("== summary")
    for arg in args:
        label, _, path = arg.partition("=")
        report = Path(path)
        if not report.exists():
            print(f"{label}: did not run")
            totals["failed"] += 1
            continue
        c = counts(report)
        print(f"{label}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped")
        for key in totals:
            totals[key] += c[key]
    print(
        f"total: {totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
