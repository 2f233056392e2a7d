#!/usr/bin/env bash
# Small-size agreement check: xuncha and DuckDB report exactly the same
# violations (rule, unit, period) for all sixteen rules of the generated
# project, on two small data sets and several ranges and as-of dates (open
# periods, pending deadlines, ranges that start and end inside periods).
#
#   benches/agree.sh            # needs python3 (creates benches/.venv) and cargo
#
# XUNCHA=path/to/xuncha skips the build; BENCH_DATA=dir moves the data
# (default benches/data). Exits 1 on the first mismatch, printing it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_venv
ensure_build
started=$SECONDS

# 200 units with meetings as the rules ask (few violations), and 300 units
# with too few rows for every meeting (many violations, zero-record units).
small=$(generate agree-200u-3e4 30000 --units 200 --seed 7)
sparse=$(generate agree-300u-1e4 10000 --units 300 --seed 11)

checks=(
  "2019-01-01..2021-12-31 2021-12-31"
  "2021 2021-09-30"
  "2020-03-15..2021-08-20 2021-08-20"
  "2019-01-01..2021-12-31 2021-05-31"
  "2020-Q2 2020-05-10"
  "2021-07 2021-07-31"
  "2021-W27 2021-07-07"
)
n=0
for dir in "$small" "$sparse"; do
  out=$dir/agree
  mkdir -p "$out"
  todo=("${checks[@]}")
  [[ $dir == "$sparse" ]] && todo=("${checks[@]:0:3}")
  for check in "${todo[@]}"; do
    read -r period as_of <<<"$check"
    log "== $(basename "$dir"): --period $period --as-of $as_of"
    run_xuncha "$dir/library.toml" "$out/xuncha.json" "$period" "$as_of"
    run_peer duckdb "$dir" "$out/duckdb.csv" "$period" "$as_of" library
    agree "$out/xuncha.json" "$out/duckdb.csv" xuncha duckdb
    n=$((n + 1))
  done
done
# The three-rule scripts of Polars and pandas, once each.
run_xuncha "$small/xuncha.toml" "$small/agree/xuncha3.json" 2019-01-01..2021-12-31 2021-12-31
for peer in polars pandas; do
  run_peer "$peer" "$small" "$small/agree/$peer.csv" 2019-01-01..2021-12-31 2021-12-31
  agree "$small/agree/xuncha3.json" "$small/agree/$peer.csv" xuncha "$peer"
done
log "agree.sh: xuncha and DuckDB agree on $n runs of 16 rules (and Polars, pandas on 3) in $((SECONDS - started)) s"
