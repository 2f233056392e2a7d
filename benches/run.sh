#!/usr/bin/env bash
# The benchmark of issue 9: xuncha against DuckDB, Polars and pandas on
# generated projects of 10^5, 10^6 and 10^7 activity rows.
#
#   benches/run.sh                      # everything (about 15 minutes on 2 cores)
#   SIZES="1e5 1e6" benches/run.sh      # fewer sizes
#
# Settings (environment):
#   SIZES        activity rows per data set          (default "1e5 1e6 1e7")
#   RUNS_SMALL   timed runs per tool below 10^7 rows (default 5)
#   RUNS_LARGE   timed runs per tool at 10^7 and up  (default 3)
#   PERIOD       evaluated range                     (default 2019-01-01..2021-12-31)
#   AS_OF        as-of date                          (default 2021-12-31)
#   XUNCHA       a built xuncha binary (default: cargo build --release)
#   BENCH_DATA   where the data sets go              (default benches/data, ~0.9 GB at 10^7)
#   SKIP_AGREE=1 skip benches/agree.sh (the small-size check)
#
# Order of work: build; create benches/.venv (DuckDB, Polars, pandas from
# PyPI); generate the data sets; check that xuncha and DuckDB report the same
# violations at small sizes (agree.sh) and at every timed size (16 rules and
# 3 rules; Polars and pandas on 3 rules too), failing loudly on a mismatch;
# only then time. Each timed run is one process, start to exit, its output
# written to a file: xuncha's JSON on stdout and its violation diagnostics on
# stderr both go to files (so the rendering and writing of diagnostics is
# measured). Tools are interleaved: run r starts with the r-th tool.
# DuckDB also runs, alone, the checks that xuncha's load makes and the rule
# queries skip (sql/checks.sql: unique ids, present values, refs that name
# a record), to weigh the load against the same work.
# Prints the tables and writes benches/results.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES=${SIZES:-"1e5 1e6 1e7"}
RUNS_SMALL=${RUNS_SMALL:-5}
RUNS_LARGE=${RUNS_LARGE:-3}
PERIOD=${PERIOD:-2019-01-01..2021-12-31}
AS_OF=${AS_OF:-2021-12-31}
RESULTS=${RESULTS:-$HERE/results.md}

[[ -x /usr/bin/time ]] || die "needs /usr/bin/time (GNU time)"
ensure_venv
ensure_build
export XUNCHA
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$SECONDS

if [[ -z ${SKIP_AGREE:-} ]]; then
  log "== agreement at small sizes (agree.sh)"
  "$HERE/agree.sh"
fi

mkdir -p "$DATA"
TIMINGS=$DATA/timings.tsv
: >"$TIMINGS"

# measure ROWS TOOL OUT CMD...: one run, its time and peak memory appended
# to the timings. stdout goes to OUT, stderr to OUT.err.
measure() {
  local rows=$1 tool=$2 out=$3
  shift 3
  local t rc=0
  t=$(mktemp)
  /usr/bin/time -f '%e %M %U %S' -o "$t" "$@" >"$out" 2>"$out.err" || rc=$?
  if ((rc > 1)); then
    tail -20 "$out.err" >&2
    die "$tool failed at $rows rows (exit $rc)"
  fi
  local secs kb user sys
  read -r secs kb user sys < <(tail -n 1 "$t")
  rm -f "$t"
  printf '%s\t%s\t%s\t%s\t%s\n' "$rows" "$tool" "$secs" "$kb" \
    "$(python3 -c "print(round($user + $sys, 2))")" >>"$TIMINGS"
  log "   $tool: $secs s, $((kb / 1024)) MB"
}

# Sets CMD to the command of a tool, run in data set $dir, output under $out.
set_cmd() {
  local range=(--period "$PERIOD" --as-of "$AS_OF")
  local xrun=("$XUNCHA" run --format json --color never "${range[@]}")
  case $1 in
    xuncha-3) CMD=("${xrun[@]}" "$dir/xuncha.toml") ;;
    xuncha-lib) CMD=("${xrun[@]}" "$dir/library.toml") ;;
    xuncha-load) CMD=("${xrun[@]}" "$dir/load.toml") ;;
    duckdb-3) CMD=("$PY" "$HERE/peers/duckdb_rules.py" "$dir" "${range[@]}" --rules three --out "$out/duckdb-3.csv") ;;
    duckdb-checks) CMD=("$PY" "$HERE/peers/duckdb_rules.py" "$dir" "${range[@]}" --rules checks --out "$out/duckdb-checks.csv") ;;
    duckdb-lib) CMD=("$PY" "$HERE/peers/duckdb_rules.py" "$dir" "${range[@]}" --rules library --out "$out/duckdb-lib.csv") ;;
    polars-3) CMD=("$PY" "$HERE/peers/polars_rules.py" "$dir" "${range[@]}" --out "$out/polars-3.csv") ;;
    pandas-3) CMD=("$PY" "$HERE/peers/pandas_rules.py" "$dir" "${range[@]}" --out "$out/pandas-3.csv") ;;
  esac
}
TOOLS=(xuncha-3 duckdb-3 polars-3 pandas-3 xuncha-lib duckdb-lib xuncha-load duckdb-checks)

first=
for size in $SIZES; do
  rows=$(python3 -c "print(int(float('$size')))")
  log "== $size rows: generating"
  dir=$(generate "rows-$size" "$rows")
  first=${first:-$dir}
  out=$dir/out
  mkdir -p "$out"
  log "   $(du -sh "$dir/activities.csv" | cut -f1) of activities"

  log "== $size rows: agreement before timing"
  run_xuncha "$dir/xuncha.toml" "$out/xuncha-3.json" "$PERIOD" "$AS_OF"
  run_peer duckdb "$dir" "$out/duckdb-3.csv" "$PERIOD" "$AS_OF" three
  agree "$out/xuncha-3.json" "$out/duckdb-3.csv" xuncha duckdb
  run_xuncha "$dir/library.toml" "$out/xuncha-lib.json" "$PERIOD" "$AS_OF"
  run_peer duckdb "$dir" "$out/duckdb-lib.csv" "$PERIOD" "$AS_OF" library
  agree "$out/xuncha-lib.json" "$out/duckdb-lib.csv" "xuncha (16 rules)" "duckdb (16 rules)"
  # The generated data is clean: xuncha loads it without a problem, so
  # DuckDB's checks must count none.
  run_peer duckdb "$dir" "$out/duckdb-checks.csv" "$PERIOD" "$AS_OF" checks
  [[ $(tail -n 1 "$out/duckdb-checks.csv") == 0,0,0,0 ]] ||
    die "DuckDB's load checks found problems in $dir: $(cat "$out/duckdb-checks.csv")"
  for peer in polars pandas; do
    run_peer "$peer" "$dir" "$out/$peer-3.csv" "$PERIOD" "$AS_OF"
    agree "$out/xuncha-3.json" "$out/$peer-3.csv" xuncha "$peer"
  done

  runs=$RUNS_SMALL
  ((rows >= 10000000)) && runs=$RUNS_LARGE
  log "== $size rows: timing, $runs interleaved runs"
  for ((r = 0; r < runs; r++)); do
    for ((i = 0; i < ${#TOOLS[@]}; i++)); do
      tool=${TOOLS[$(((i + r) % ${#TOOLS[@]}))]}
      set_cmd "$tool"
      measure "$rows" "$tool" "$out/$tool.stdout" "${CMD[@]}"
    done
  done
done

log "== xuncha check on 1,000 rules"
"$PY" "$HERE/many_rules.py" "$first" "$DATA/check-1000"
"$XUNCHA" check "$DATA/check-1000" >/dev/null 2>&1 || die "the 1,000 rules do not check"
for ((r = 0; r < 7; r++)); do
  measure 0 check-1000 "$DATA/check-1000.out" "$XUNCHA" check "$DATA/check-1000"
done

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
versions=$("$PY" -c 'import duckdb, polars, pandas, sys; print(f"DuckDB {duckdb.__version__}, Polars {polars.__version__}, pandas {pandas.__version__}, Python {sys.version.split()[0]}")')
"$PY" "$HERE/report.py" "$TIMINGS" "$RESULTS" \
  "date=$(date -u +%Y-%m-%dT%H:%MZ)" \
  "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc), $(free -g | awk '/Mem:/ {print $2}') GB RAM" \
  "load average (1, 5, 15 min)=before $load_before; after $load_after" \
  "xuncha=$(cat "$DATA/.bin/xuncha.version" 2>/dev/null || echo "$XUNCHA (origin not recorded)")" \
  "peers=$versions" \
  "data=generate_scale (2,000 units, seed 20211011), range $PERIOD, as of $AS_OF, files under $DATA (page cache warm)" \
  "output=xuncha: JSON of every outcome on stdout and violation diagnostics on stderr, both to files; peers: CSV of violations" \
  "agreement=xuncha = DuckDB on every size (16 rules), = Polars = pandas (3 rules), checked before timing" \
  "wall time of run.sh=$((SECONDS - started)) s"
log "results written to $RESULTS"
