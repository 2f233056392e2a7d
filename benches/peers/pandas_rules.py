"""The three benchmark rules with pandas; writes the violations to a CSV file
(rule,unit,period). Semantics as in benches/sql/three.sql."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import arguments  # noqa: E402

import pandas as pd  # noqa: E402

a = arguments(__doc__)
d = a.project
asof = pd.Timestamp(a.as_of)

orgs = pd.read_csv(f"{d}/orgs.csv", dtype=str, keep_default_na=False)
for c in ("active_from", "active_to"):
    orgs[c] = pd.to_datetime(orgs[c].replace("", None), format="%Y-%m-%d")
acts = pd.read_csv(f"{d}/activities.csv", usecols=["org", "type", "at"], dtype=str)
acts = acts[acts["type"].isin(["clean_governance_meeting", "committee_meeting"])]
acts["at"] = pd.to_datetime(acts["at"], format="%Y-%m-%d")
acts = acts[acts["at"] <= asof]
rects = pd.read_csv(f"{d}/rectifications.csv", dtype=str, keep_default_na=False)
for c in ("due", "closed"):
    rects[c] = pd.to_datetime(rects[c].replace("", None), format="%Y-%m-%d")

acts["month"] = acts["at"].dt.to_period("M").dt.start_time
monthly = acts.groupby(["org", "type", "month"], as_index=False).size()

years = pd.DataFrame({"y": range(a.start.year, a.end.year + 1)})
years["ps"] = pd.to_datetime(years["y"].astype(str) + "-01-01")
years["pe"] = pd.to_datetime(years["y"].astype(str) + "-12-31")
years["label"] = years["y"].astype(str)
ms = pd.date_range(pd.Timestamp(a.start).to_period("M").start_time, pd.Timestamp(a.end), freq="MS")
months = pd.DataFrame({"ps": ms, "pe": ms + pd.offsets.MonthEnd(0), "label": ms.strftime("%Y-%m")})


def judged(kind, grid):
    """Every unit of a kind × every period it existed for in whole, ended by the as-of date."""
    u = orgs[orgs["kind"] == kind].merge(grid, how="cross")
    alive = ((u["active_from"].isna() | (u["active_from"] <= u["ps"]))
             & (u["active_to"].isna() | (u["active_to"] >= u["pe"])))
    return u[alive & (u["pe"] <= asof)]


c = monthly[monthly["type"] == "clean_governance_meeting"].copy()
c["y"] = c["month"].dt.year
c = c.groupby(["org", "y"], as_index=False)["size"].sum()
s01 = judged("department", years).merge(c, left_on=["id", "y"], right_on=["org", "y"], how="left")
s01 = s01[s01["size"].fillna(0) < 2]
s01 = pd.DataFrame({"rule": "S01", "unit": s01["id"], "period": s01["label"]})

c = monthly[monthly["type"] == "committee_meeting"]
m01 = judged("branch", months).merge(c, left_on=["id", "ps"], right_on=["org", "month"], how="left")
m01 = m01[m01["size"].fillna(0) < 1]
m01 = pd.DataFrame({"rule": "M01", "unit": m01["id"], "period": m01["label"]})

done = rects["closed"].notna() & (rects["closed"] <= asof)
bad = rects["due"].isna() | (done & (rects["closed"] > rects["due"])) | (~done & (rects["due"] <= asof))
d01 = pd.DataFrame({"rule": "D01", "unit": rects.loc[bad, "id"], "period": a.label})

out = pd.concat([s01, m01, d01]).sort_values(["rule", "unit", "period"])
out.to_csv(a.out, index=False)
