"""The three benchmark rules with Polars (lazy scans); writes the violations
to a CSV file (rule,unit,period). Semantics as in benches/sql/three.sql."""

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import arguments  # noqa: E402

import polars as pl  # noqa: E402

a = arguments(__doc__)
d = a.project
asof = a.as_of

orgs = pl.scan_csv(
    f"{d}/orgs.csv",
    schema={"id": pl.String, "name": pl.String, "kind": pl.String, "parent": pl.String,
            "supervisory": pl.Boolean, "active_from": pl.Date, "active_to": pl.Date},
)
acts = pl.scan_csv(
    f"{d}/activities.csv",
    schema={"id": pl.String, "org": pl.String, "type": pl.String, "at": pl.Date,
            "attendees": pl.String, "content": pl.String},
)
rects = pl.scan_csv(
    f"{d}/rectifications.csv",
    schema={"id": pl.String, "org": pl.String, "found": pl.Date, "due": pl.Date,
            "closed": pl.Date},
)

# One scan of the activities: counts per unit, type and month (small: collected
# once, then shared by both rules).
monthly = (
    acts.filter(pl.col("type").is_in(["clean_governance_meeting", "committee_meeting"])
                & (pl.col("at") <= asof))
    .group_by("org", "type", pl.col("at").dt.year().alias("y"), pl.col("at").dt.month().alias("m"))
    .agg(pl.len().alias("n"))
    .with_columns(month=pl.date(pl.col("y"), pl.col("m"), 1))
    .collect()
    .lazy()
)

# Period grids: every calendar period that overlaps the range.
years = pl.LazyFrame({
    "ps": [dt.date(y, 1, 1) for y in range(a.start.year, a.end.year + 1)],
    "pe": [dt.date(y, 12, 31) for y in range(a.start.year, a.end.year + 1)],
    "label": [str(y) for y in range(a.start.year, a.end.year + 1)],
})
month_starts = pl.date_range(a.start.replace(day=1), a.end, "1mo", eager=True)
months = pl.LazyFrame({"ps": month_starts}).with_columns(
    pe=pl.col("ps").dt.month_end(), label=pl.col("ps").dt.strftime("%Y-%m"))


def judged(kind, grid):
    """Every unit of a kind × every period it existed for in whole, ended by the as-of date."""
    return (
        orgs.filter(pl.col("kind") == kind)
        .join(grid, how="cross")
        .filter((pl.col("active_from").is_null() | (pl.col("active_from") <= pl.col("ps")))
                & (pl.col("active_to").is_null() | (pl.col("active_to") >= pl.col("pe")))
                & (pl.col("pe") <= asof))
    )


s01_counts = (
    monthly.filter(pl.col("type") == "clean_governance_meeting")
    .group_by("org", "y")
    .agg(pl.col("n").sum())
)
s01 = (
    judged("department", years)
    .with_columns(y=pl.col("ps").dt.year())
    .join(s01_counts, left_on=["id", "y"], right_on=["org", "y"], how="left")
    .filter(pl.col("n").fill_null(0) < 2)
    .select(pl.lit("S01").alias("rule"), pl.col("id").alias("unit"), pl.col("label").alias("period"))
)
m01 = (
    judged("branch", months)
    .join(monthly.filter(pl.col("type") == "committee_meeting"),
          left_on=["id", "ps"], right_on=["org", "month"], how="left")
    .filter(pl.col("n").fill_null(0) < 1)
    .select(pl.lit("M01").alias("rule"), pl.col("id").alias("unit"), pl.col("label").alias("period"))
)
done = pl.col("closed").is_not_null() & (pl.col("closed") <= asof)
d01 = (
    rects.filter(pl.col("due").is_null()
                 | (done & (pl.col("closed") > pl.col("due")))
                 | (~done & (pl.col("due") <= asof)))
    .select(pl.lit("D01").alias("rule"), pl.col("id").alias("unit"), pl.lit(a.label).alias("period"))
)

out = pl.concat([s01, m01, d01]).sort("rule", "unit", "period")
out.collect().write_csv(a.out)
