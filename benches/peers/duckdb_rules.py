"""The benchmark rules as DuckDB SQL (benches/sql/*.sql) over the CSV files;
writes the violations to a CSV file (rule,unit,period)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import arguments  # noqa: E402

import duckdb  # noqa: E402

a = arguments(__doc__, rules=("three", "library", "checks"))
sql_dir = os.path.join(os.path.dirname(__file__), "..", "sql")
with open(os.path.join(sql_dir, f"{a.rules}.sql"), encoding="utf-8") as f:
    sql = f.read()
for k, v in {
    "@DIR@": os.path.abspath(a.project),
    "@RS@": a.start.isoformat(),
    "@RE@": a.end.isoformat(),
    "@ASOF@": a.as_of.isoformat(),
    "@LABEL@": a.label,
}.items():
    sql = sql.replace(k, v)
query = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
con = duckdb.connect()
out = a.out.replace("'", "''")
con.execute(f"COPY ({query}) TO '{out}' (HEADER, DELIMITER ',')")
