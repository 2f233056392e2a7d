"""Arguments shared by the peer implementations: the project folder, the
evaluated range and as-of date (as xuncha reads them), and the output file."""

import argparse
import calendar
import datetime as dt


def parse_range(text):
    """`2021`, `2021-H1`, `2021-Q3`, `2021-07`, `2021-W05` or `2021-01-01..2021-09-30` -> (start, end, label)."""
    text = text.strip()
    if ".." in text:
        a, b = text.split("..", 1)
        s, e = dt.date.fromisoformat(a.strip()), dt.date.fromisoformat(b.strip())
        return s, e, f"{s.isoformat()}..{e.isoformat()}"
    if len(text) == 4:
        y = int(text)
        return dt.date(y, 1, 1), dt.date(y, 12, 31), text
    y, rest = text.split("-", 1)
    y = int(y)
    if rest.startswith("Q"):
        q = int(rest[1:])
        s = dt.date(y, 3 * q - 2, 1)
        e = dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        return s, e, f"{y}-Q{q}"
    if rest.startswith("W"):
        w = int(rest[1:])
        s = dt.date.fromisocalendar(y, w, 1)
        return s, s + dt.timedelta(days=6), f"{y}-W{w:02d}"
    if rest.startswith("H"):
        h = int(rest[1:])
        s = dt.date(y, 6 * h - 5, 1)
        e = dt.date(y, 6 * h, calendar.monthrange(y, 6 * h)[1])
        return s, e, f"{y}-H{h}"
    m = int(rest)
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]), f"{y}-{m:02d}"


def arguments(description, rules=("three",)):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("project", help="the generated project folder")
    p.add_argument("--period", required=True)
    p.add_argument("--as-of", dest="as_of")
    p.add_argument("--rules", choices=rules, default=rules[0])
    p.add_argument("--out", required=True, help="CSV of violations: rule,unit,period")
    a = p.parse_args()
    a.start, a.end, a.label = parse_range(a.period)
    a.as_of = dt.date.fromisoformat(a.as_of) if a.as_of else a.end
    return a
