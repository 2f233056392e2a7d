"""Compares violation sets: xuncha's JSON output (`xuncha run --format json`)
or a peer's CSV (rule,unit,period) against another.

    python compare.py A B [--label-a NAME] [--label-b NAME]

Each side is a file: `*.json` is read as xuncha output (outcomes whose status
is `violation`; the unit is the subject's keys joined with " / ", `-` for
rules without `each`), anything else as CSV with a header. Prints the counts
per rule; on a mismatch, the first differences each way, and exits 1.
"""

import collections
import csv
import json
import sys


def violations(path):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        out = set()
        for o in doc["outcomes"]:
            if o["status"] != "violation":
                continue
            unit = " / ".join(s["key"] for s in o["subject"]) or "-"
            out.add((o["rule"], unit, o["period"]))
        return out
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        next(rows, None)
        return {(r[0], r[1], r[2]) for r in rows if r}


def main(argv):
    args, names = [], {}
    it = iter(argv)
    for a in it:
        if a in ("--label-a", "--label-b"):
            names[a[-1]] = next(it)
        else:
            args.append(a)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    na, nb = names.get("a", args[0]), names.get("b", args[1])
    a, b = violations(args[0]), violations(args[1])
    ca = collections.Counter(r for r, _, _ in a)
    cb = collections.Counter(r for r, _, _ in b)
    rules = sorted(set(ca) | set(cb))
    print(f"violations: {na} {len(a)}, {nb} {len(b)}; per rule: "
          + ", ".join(f"{r} {ca[r]}/{cb[r]}" for r in rules))
    if a == b:
        print(f"agree: {na} and {nb} report the same {len(a)} violations")
        return 0
    only_a, only_b = sorted(a - b), sorted(b - a)
    print(f"MISMATCH: {len(only_a)} only in {na}, {len(only_b)} only in {nb}", file=sys.stderr)
    for title, rows in ((f"only in {na}", only_a), (f"only in {nb}", only_b)):
        if rows:
            print(f"  first {min(len(rows), 15)} {title}:", file=sys.stderr)
            for r in rows[:15]:
                print("    " + "\t".join(r), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
