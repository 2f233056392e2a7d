# Shared by run.sh and agree.sh: paths, the virtual environment, the build
# and the generated data sets. Sourced, not run.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
VENV=${BENCH_VENV:-$HERE/.venv}
PY=$VENV/bin/python
DATA=${BENCH_DATA:-$HERE/data}
GENERATOR=${GENERATOR:-$ROOT/target/release/examples/generate_scale}

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# A virtual environment with DuckDB, Polars and pandas from PyPI.
ensure_venv() {
  if [[ ! -x $PY ]] || ! "$PY" -c 'import duckdb, polars, pandas' 2>/dev/null; then
    log "creating $VENV (duckdb, polars, pandas from PyPI)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check duckdb polars pandas
  fi
}

# Builds xuncha and the generator, unless XUNCHA (and GENERATOR) point at
# binaries already built.
ensure_build() {
  local built=
  if [[ -z ${XUNCHA:-} ]]; then
    log "building xuncha and the generator (cargo build --release)"
    (cd "$ROOT" && cargo build --release --quiet --bin xuncha --example generate_scale)
    XUNCHA=$ROOT/target/release/xuncha
    built=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo " + uncommitted changes")
  elif [[ ! -x $GENERATOR ]]; then
    (cd "$ROOT" && cargo build --release --quiet --example generate_scale)
  fi
  [[ -x $XUNCHA ]] || die "no xuncha binary at $XUNCHA"
  [[ -x $GENERATOR ]] || die "no generator at $GENERATOR"
  # Copies, so that a rebuild while the benchmark runs changes nothing.
  mkdir -p "$DATA/.bin"
  # Where the binary came from, for the results.
  if [[ $XUNCHA != "$DATA/.bin/xuncha" ]]; then
    cp "$XUNCHA" "$DATA/.bin/xuncha"
    printf '%s\n' "${built:-$XUNCHA as given}, built $(date -u -r "$XUNCHA" +%Y-%m-%dT%H:%MZ)" \
      >"$DATA/.bin/xuncha.version"
    XUNCHA=$DATA/.bin/xuncha
  fi
  if [[ $GENERATOR != "$DATA/.bin/generate_scale" ]]; then
    cp "$GENERATOR" "$DATA/.bin/generate_scale"
    GENERATOR=$DATA/.bin/generate_scale
  fi
  export XUNCHA GENERATOR
}

# generate NAME ROWS [generator options...]: the project folder, generated
# unless it is there already from the same generator source and arguments.
generate() {
  local name=$1 rows=$2
  shift 2
  local dir=$DATA/$name
  local stamp
  stamp="$(sha256sum "$ROOT/examples/generate_scale.rs" | cut -c1-16) $rows $*"
  if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
    rm -rf "$dir"
    "$GENERATOR" "$dir" "$rows" "$@" >&2
    printf '%s' "$stamp" >"$dir/.stamp"
  fi
  printf '%s' "$dir"
}

# run_xuncha PROJECT OUT.json PERIOD AS_OF: exit 0 (clean) or 1 (findings)
# are both fine; anything else is a failure.
run_xuncha() {
  local rc=0
  "$XUNCHA" run "$1" --period "$3" --as-of "$4" --format json --color never \
    >"$2" 2>"$2.err" || rc=$?
  if ((rc > 1)); then
    tail -20 "$2.err" >&2
    die "xuncha run $1 failed (exit $rc)"
  fi
}

# run_peer duckdb|polars|pandas DIR OUT.csv PERIOD AS_OF [three|library|checks]
run_peer() {
  "$PY" "$HERE/peers/$1_rules.py" "$2" --period "$4" --as-of "$5" \
    --rules "${6:-three}" --out "$3"
}

# agree A B NAME_A NAME_B: the same violations, or a loud failure.
agree() {
  if ! "$PY" "$HERE/compare.py" "$1" "$2" --label-a "$3" --label-b "$4"; then
    die "$3 and $4 disagree on $(dirname "$1") (see the differences above)"
  fi
}
