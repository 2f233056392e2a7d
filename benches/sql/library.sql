-- All sixteen rules of the generated project (rules3.xc + library.xc), as
-- DuckDB SQL; placeholders and semantics as in three.sql. Used to check that
-- xuncha and DuckDB agree on every kind of rule, and timed for comparison.
WITH
orgs AS (
  SELECT *,
    coalesce(active_from, DATE '0001-01-01') AS lf,
    coalesce(active_to, DATE '9999-12-31') AS lt
  FROM read_csv('@DIR@/orgs.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'parent': 'VARCHAR',
               'supervisory': 'BOOLEAN', 'active_from': 'DATE', 'active_to': 'DATE'})
),
acts AS MATERIALIZED (
  SELECT org, type, "at"
  FROM read_csv('@DIR@/activities.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'org': 'VARCHAR', 'type': 'VARCHAR', 'at': 'DATE',
               'attendees': 'VARCHAR', 'content': 'VARCHAR'})
  WHERE "at" <= DATE '@ASOF@'
),
rects AS (
  SELECT * FROM read_csv('@DIR@/rectifications.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'org': 'VARCHAR', 'found': 'DATE', 'due': 'DATE', 'closed': 'DATE'})
),
apps AS (
  SELECT * FROM read_csv('@DIR@/appointments.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'person': 'VARCHAR', 'org': 'VARCHAR', 'at': 'DATE'})
),
-- Period grids: every calendar period that overlaps the range.
years AS (
  SELECT make_date(y::INT, 1, 1) AS ps, make_date(y::INT, 12, 31) AS pe, y::VARCHAR AS label
  FROM range(year(DATE '@RS@'), year(DATE '@RE@') + 1) t(y)
),
halves AS (
  SELECT s::DATE AS ps, (s + INTERVAL 6 MONTH - INTERVAL 1 DAY)::DATE AS pe,
         year(s) || '-H' || (CASE WHEN month(s) = 1 THEN 1 ELSE 2 END) AS label
  FROM range(make_date(year(DATE '@RS@'), CASE WHEN month(DATE '@RS@') <= 6 THEN 1 ELSE 7 END, 1)::TIMESTAMP,
             (DATE '@RE@' + INTERVAL 1 DAY)::TIMESTAMP, INTERVAL 6 MONTH) t(s)
),
quarters AS (
  SELECT s::DATE AS ps, (s + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE AS pe,
         year(s) || '-Q' || quarter(s) AS label
  FROM range(date_trunc('quarter', DATE '@RS@')::TIMESTAMP,
             (DATE '@RE@' + INTERVAL 1 DAY)::TIMESTAMP, INTERVAL 3 MONTH) t(s)
),
months AS (
  SELECT s::DATE AS ps, (s + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS pe,
         strftime(s, '%Y-%m') AS label
  FROM range(date_trunc('month', DATE '@RS@')::TIMESTAMP,
             (DATE '@RE@' + INTERVAL 1 DAY)::TIMESTAMP, INTERVAL 1 MONTH) t(s)
),
weeks AS (
  SELECT s::DATE AS ps, (s + INTERVAL 6 DAY)::DATE AS pe, strftime(s, '%G-W%V') AS label
  FROM range(date_trunc('week', DATE '@RS@')::TIMESTAMP,
             (DATE '@RE@' + INTERVAL 1 DAY)::TIMESTAMP, INTERVAL 7 DAY) t(s)
),
-- Count of one type per unit and period, every unit of a kind judged for
-- every period it existed for in whole. `final`: the period has ended by
-- the as-of date.
dept_years AS (
  SELECT o.id, o.parent, g.*, g.pe <= DATE '@ASOF@' AS final FROM orgs o, years g
  WHERE o.kind = 'department' AND o.lf <= g.ps AND o.lt >= g.pe
),
branch_years AS (
  SELECT o.id, g.*, g.pe <= DATE '@ASOF@' AS final FROM orgs o, years g
  WHERE o.kind = 'branch' AND o.lf <= g.ps AND o.lt >= g.pe
),
branch_months AS (
  SELECT o.id, g.*, g.pe <= DATE '@ASOF@' AS final FROM orgs o, months g
  WHERE o.kind = 'branch' AND o.lf <= g.ps AND o.lt >= g.pe
),
branch_quarters AS (
  SELECT o.id, g.*, g.pe <= DATE '@ASOF@' AS final FROM orgs o, quarters g
  WHERE o.kind = 'branch' AND o.lf <= g.ps AND o.lt >= g.pe
),
dept_quarters AS (
  SELECT o.id, g.*, g.pe <= DATE '@ASOF@' AS final FROM orgs o, quarters g
  WHERE o.kind = 'department' AND o.lf <= g.ps AND o.lt >= g.pe
),
v AS (
  -- S01: departments, >= 2 clean-governance meetings a year.
  SELECT 'S01' AS rule, u.id AS unit, u.label AS period FROM dept_years u
  WHERE u.final AND (SELECT count(*) FROM acts a WHERE a.org = u.id
      AND a.type = 'clean_governance_meeting' AND a."at" BETWEEN u.ps AND u.pe) < 2
  UNION ALL
  -- M01: branches, a committee meeting every month.
  SELECT 'M01', u.id, u.label FROM branch_months u
  WHERE u.final AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = u.id
      AND a.type = 'committee_meeting' AND a."at" BETWEEN u.ps AND u.pe)
  UNION ALL
  -- D01: each rectification closed by its due date.
  SELECT 'D01', id, '@LABEL@' FROM rects
  WHERE due IS NULL
     OR (closed <= DATE '@ASOF@' AND closed > due)
     OR ((closed IS NULL OR closed > DATE '@ASOF@') AND due <= DATE '@ASOF@')
  UNION ALL
  -- W01: supervisory departments, a study session every ISO week.
  SELECT 'W01', o.id, g.label FROM orgs o, weeks g
  WHERE o.kind = 'department' AND o.supervisory AND o.lf <= g.ps AND o.lt >= g.pe
    AND g.pe <= DATE '@ASOF@'
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = o.id AND a.type = 'study'
                    AND a."at" BETWEEN g.ps AND g.pe)
  UNION ALL
  -- Q01: branches, >= 1 party lecture a quarter.
  SELECT 'Q01', u.id, u.label FROM branch_quarters u
  WHERE u.final AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = u.id
      AND a.type = 'party_lecture' AND a."at" BETWEEN u.ps AND u.pe)
  UNION ALL
  -- Q02: branches, a general assembly every quarter.
  SELECT 'Q02', u.id, u.label FROM branch_quarters u
  WHERE u.final AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = u.id
      AND a.type = 'general_assembly' AND a."at" BETWEEN u.ps AND u.pe)
  UNION ALL
  -- H01: departments, legal training every half-year.
  SELECT 'H01', o.id, g.label FROM orgs o, halves g
  WHERE o.kind = 'department' AND o.lf <= g.ps AND o.lt >= g.pe AND g.pe <= DATE '@ASOF@'
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = o.id AND a.type = 'legal_training'
                    AND a."at" BETWEEN g.ps AND g.pe)
  UNION ALL
  -- L01: departments, at most 1 banquet a quarter: a violation as soon as
  -- exceeded, open period or not.
  SELECT 'L01', u.id, u.label FROM dept_quarters u
  WHERE (SELECT count(*) FROM acts a WHERE a.org = u.id AND a.type = 'banquet'
         AND a."at" BETWEEN u.ps AND u.pe) > 1
  UNION ALL
  -- R03: branches, >= 2 theme days in every rolling window of 3 months; the
  -- unit must exist for the whole window.
  SELECT 'R03', o.id, g.label FROM orgs o, months g
  WHERE o.kind = 'branch' AND o.lf <= (g.ps - INTERVAL 2 MONTH)::DATE AND o.lt >= g.pe
    AND g.pe <= DATE '@ASOF@'
    AND (SELECT count(*) FROM acts a WHERE a.org = o.id AND a.type = 'theme_day'
         AND a."at" BETWEEN (g.ps - INTERVAL 2 MONTH)::DATE AND g.pe) < 2
  UNION ALL
  -- Y01: branches, >= 10 theme days a year.
  SELECT 'Y01', u.id, u.label FROM branch_years u
  WHERE u.final AND (SELECT count(*) FROM acts a WHERE a.org = u.id
      AND a.type = 'theme_day' AND a."at" BETWEEN u.ps AND u.pe) < 10
  UNION ALL
  -- X01: departments, >= 3 distinct activity types a quarter.
  SELECT 'X01', u.id, u.label FROM dept_quarters u
  WHERE u.final AND (SELECT count(DISTINCT a.type) FROM acts a WHERE a.org = u.id
      AND a."at" BETWEEN u.ps AND u.pe) < 3
  UNION ALL
  -- RATE: departments, >= 90% of the rectifications due in the year closed
  -- by their due date; no rectification due: n/a. The ledger has no time
  -- field, so no records are still to come: the ratio is final unless a
  -- measure of the year is open and not yet due (it could still close in
  -- time), whether or not the year has ended.
  SELECT 'RATE', u.id, u.label FROM dept_years u
  JOIN (SELECT r.org, y.label,
               count(*) AS due_n,
               count(*) FILTER (WHERE r.closed <= DATE '@ASOF@' AND r.closed <= r.due) AS ok_n,
               count(*) FILTER (WHERE (r.closed IS NULL OR r.closed > DATE '@ASOF@')
                                  AND r.due > DATE '@ASOF@') AS open_n
        FROM rects r JOIN years y ON r.due BETWEEN y.ps AND y.pe
        GROUP BY ALL) c ON c.org = u.id AND c.label = u.label
  WHERE c.open_n = 0 AND c.ok_n * 10 < c.due_n * 9
  UNION ALL
  -- T01: each appointment dated in the range (up to the as-of date), an
  -- integrity talk of its unit within the 30 days before.
  SELECT 'T01', p.id, '@LABEL@' FROM apps p
  WHERE p."at" BETWEEN DATE '@RS@' AND least(DATE '@RE@', DATE '@ASOF@')
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = p.org AND a.type = 'integrity_talk'
                    AND a."at" BETWEEN p."at" - 30 AND p."at")
  UNION ALL
  -- SUM: departments, the year's summary in January of the next year;
  -- pending until the end of that January.
  SELECT 'SUM', u.id, u.label FROM dept_years u
  WHERE (u.pe + INTERVAL 1 MONTH)::DATE <= DATE '@ASOF@'
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = u.id AND a.type = 'annual_summary'
                    AND a."at" BETWEEN u.pe + 1 AND (u.pe + INTERVAL 1 MONTH)::DATE)
  UNION ALL
  -- OPN: departments, opinions gathered in the quarter or the month before.
  SELECT 'OPN', u.id, u.label FROM dept_quarters u
  WHERE u.final AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.org = u.id
      AND a.type = 'opinion_gathering'
      AND a."at" BETWEEN (u.ps - INTERVAL 1 MONTH)::DATE AND u.pe)
  UNION ALL
  -- LIA: the organisation as a whole, a liaison contact every month.
  SELECT 'LIA', '-', g.label FROM months g
  WHERE g.pe <= DATE '@ASOF@'
    AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.type = 'liaison' AND a."at" BETWEEN g.ps AND g.pe)
  UNION ALL
  -- PAR: branches existing over the whole range, whose parent is a department.
  SELECT 'PAR', o.id, '@LABEL@' FROM orgs o
  LEFT JOIN orgs p ON p.id = o.parent
  WHERE o.kind = 'branch' AND o.lf <= DATE '@RS@' AND o.lt >= DATE '@RE@'
    AND (p.kind IS NULL OR p.kind <> 'department')
)
SELECT * FROM v ORDER BY rule, unit, period
