#!/usr/bin/env bash
# Regenerates the committed reports of the sample project, 2021-Q1 to
# 2021-Q3, each quarter with the previous one as baseline (see README.md).
# tests/report_sample.rs runs the same commands and compares the files.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
X=target/release/xuncha
$X run examples/binhai --period 2021-Q1 --as-of 2021-03-31 --out reports/ --exit-zero --quiet
$X run examples/binhai --period 2021-Q2 --as-of 2021-06-30 --out reports/ --exit-zero --quiet \
    --baseline reports/2021-Q1
$X run examples/binhai --period 2021-Q3 --as-of 2021-09-30 --out reports/ --exit-zero --quiet \
    --baseline reports/2021-Q2
