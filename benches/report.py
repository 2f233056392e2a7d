"""Summarises the timings that run.sh records and writes benches/results.md.

    python report.py TIMINGS.tsv RESULTS.md [key=value ...]

TIMINGS.tsv: one line per measured run, `rows<TAB>tool<TAB>seconds<TAB>peak KB`
and optionally `<TAB>CPU seconds` (user + sys); peak = /usr/bin/time's maximum
resident set size. The key=value pairs
(machine, nproc, load, versions …) are listed at the top of the results.
Prints the tables and the verdicts on the bar of issue 9.
"""

import collections
import statistics
import sys

TOOLS = [
    ("xuncha-3", "xuncha, 3 rules"),
    ("xuncha-lib", "xuncha, 16 rules"),
    ("xuncha-load", "xuncha, 0 rules (load only)"),
    ("duckdb-3", "DuckDB, 3 rules"),
    ("duckdb-lib", "DuckDB, 16 rules"),
    ("polars-3", "Polars (lazy), 3 rules"),
    ("pandas-3", "pandas, 3 rules"),
    ("duckdb-checks", "DuckDB, xuncha's load checks (no rules)"),
]


def rows_label(n):
    n = int(float(n))
    exp = len(str(n)) - 1
    return f"10^{exp}" if n == 10**exp else f"{n:,}"


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    timings, out_path = argv[0], argv[1]
    info = dict(a.split("=", 1) for a in argv[2:])
    runs = collections.defaultdict(list)
    cpus = collections.defaultdict(list)
    with open(timings, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rows, tool, secs, kb, *cpu = line.rstrip("\n").split("\t")
            runs[(rows, tool)].append((float(secs), int(kb)))
            if cpu:
                cpus[(rows, tool)].append(float(cpu[0]))
    sizes = sorted({r for r, _ in runs if r != "0"}, key=lambda r: float(r))
    med = {k: (statistics.median(s for s, _ in v), statistics.median(m for _, m in v))
           for k, v in runs.items()}

    lines = ["# Benchmark results (issue 9)", ""]
    lines.append("Produced by `benches/run.sh`; every figure is from that run. Times are end")
    lines.append("to end (process start to exit, output written to files), the median of the")
    lines.append("interleaved runs (min–max in brackets); memory is the median peak resident")
    lines.append("set size (`/usr/bin/time -v` Maximum resident set size). CPU is the median")
    lines.append("user + system time, less sensitive than wall time to other load on the machine.")
    lines.append("")
    for k, v in info.items():
        lines.append(f"- {k}: {v}")
    lines.append("")
    lines.append("## Rows × time × memory")
    lines.append("")
    header = "| tool | " + " | ".join(rows_label(s) + " rows" for s in sizes) + " |"
    lines.append(header)
    lines.append("|" + " --- |" * (len(sizes) + 1))
    for tool, name in TOOLS:
        cells = []
        for s in sizes:
            v = runs.get((s, tool))
            if not v:
                cells.append("–")
                continue
            secs = [x for x, _ in v]
            t, m = med[(s, tool)]
            cpu = f", CPU {statistics.median(cpus[(s, tool)]):.2f} s" if cpus.get((s, tool)) else ""
            cells.append(f"{t:.2f} s [{min(secs):.2f}–{max(secs):.2f}]{cpu}, {m / 1024:.0f} MB (n={len(v)})")
        if any(c != "–" for c in cells):
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")

    lines.append("## Ratios (median time; memory)")
    lines.append("")
    lines.append("| rows | xuncha/DuckDB | xuncha/Polars | xuncha/pandas | 16 rules / 3 rules (xuncha) | 16/3 (DuckDB) | load share (xuncha) | load checks: xuncha/DuckDB |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- |")

    def ratio(s, a, b):
        if (s, a) in med and (s, b) in med:
            (ta, ma), (tb, mb) = med[(s, a)], med[(s, b)]
            return f"{ta / tb:.2f} (mem {ma / mb:.2f})", ta / tb, ma / mb
        return "–", None, None

    for s in sizes:
        cells = [ratio(s, "xuncha-3", p)[0] for p in ("duckdb-3", "polars-3", "pandas-3")]
        cells.append(ratio(s, "xuncha-lib", "xuncha-3")[0])
        cells.append(ratio(s, "duckdb-lib", "duckdb-3")[0])
        cells.append(ratio(s, "xuncha-load", "xuncha-3")[0])
        cells.append(ratio(s, "xuncha-load", "duckdb-checks")[0])
        lines.append(f"| {rows_label(s)} | " + " | ".join(cells) + " |")
    lines.append("")

    if cpus:
        lines.append("CPU time (user + system, median) ratios:")
        lines.append("")
        lines.append("| rows | xuncha/DuckDB | xuncha/Polars | xuncha/pandas | 16 rules / 3 rules (xuncha) |")
        lines.append("| --- | --- | --- | --- | --- |")
        for s_ in sizes:
            def cr(a, b):
                if cpus.get((s_, a)) and cpus.get((s_, b)):
                    return f"{statistics.median(cpus[(s_, a)]) / statistics.median(cpus[(s_, b)]):.2f}"
                return "–"
            lines.append(f"| {rows_label(s_)} | {cr('xuncha-3', 'duckdb-3')} | {cr('xuncha-3', 'polars-3')} | "
                         f"{cr('xuncha-3', 'pandas-3')} | {cr('xuncha-lib', 'xuncha-3')} |")
        lines.append("")

    lines.append("## Growth with rows (median time)")
    lines.append("")
    lines.append("| tool | " + " | ".join(f"{rows_label(a)} → {rows_label(b)}" for a, b in zip(sizes, sizes[1:])) + " |")
    lines.append("|" + " --- |" * len(sizes))
    for tool, name in TOOLS:
        cells = []
        for a, b in zip(sizes, sizes[1:]):
            if (a, tool) in med and (b, tool) in med:
                cells.append(f"{med[(b, tool)][0] / med[(a, tool)][0]:.1f}×")
            else:
                cells.append("–")
        if any(c != "–" for c in cells):
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")

    check = runs.get(("0", "check-1000"))
    if check:
        secs = sorted(x for x, _ in check)
        lines.append(f"`xuncha check` on 1,000 rules: median {statistics.median(secs) * 1000:.0f} ms "
                     f"(min {secs[0] * 1000:.0f}, max {secs[-1] * 1000:.0f}, n={len(secs)}; "
                     "/usr/bin/time, 10 ms resolution).")
        lines.append("")

    # The bar of issue 9, at the largest size.
    big = sizes[-1]
    verdicts = []

    def verdict(text, ok):
        verdicts.append(f"- {'PASS' if ok else 'FAIL'}: {text}")

    _, rd, md = ratio(big, "xuncha-3", "duckdb-3")
    _, rp, _ = ratio(big, "xuncha-3", "polars-3")
    if rd is not None:
        verdict(f"3 rules at {rows_label(big)} rows: xuncha/DuckDB = {rd:.2f} (bar ≤ 0.5)", rd <= 0.5)
    if rp is not None:
        verdict(f"3 rules at {rows_label(big)} rows: xuncha/Polars = {rp:.2f} (bar ≤ 0.5)", rp <= 0.5)
    if md is not None:
        verdict(f"peak memory at {rows_label(big)} rows: xuncha/DuckDB = {md:.2f} (bar ≤ 1)", md <= 1)
    _, rl, _ = ratio(big, "xuncha-lib", "xuncha-3")
    if rl is not None:
        verdict(f"16 rules / 3 rules at {rows_label(big)} rows = {rl:.2f} (bar < 2)", rl < 2)
    if len(sizes) >= 2 and (sizes[-2], "xuncha-3") in med and (big, "xuncha-3") in med:
        g = med[(big, "xuncha-3")][0] / med[(sizes[-2], "xuncha-3")][0]
        verdict(f"xuncha 3 rules, {rows_label(sizes[-2])} → {rows_label(big)} rows: {g:.1f}× (bar ≤ 12×)", g <= 12)
    if check:
        m = statistics.median(x for x, _ in check)
        verdict(f"`xuncha check` on 1,000 rules: {m * 1000:.0f} ms (bar < 100 ms)", m < 0.1)
    if verdicts:
        lines.append(f"## The bar (issue 9), at {rows_label(big)} rows")
        lines.append("")
        lines.extend(verdicts)
        lines.append("")

    text = "\n".join(lines)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
