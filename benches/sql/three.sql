-- The three benchmark rules over the generated project, as DuckDB SQL.
-- Placeholders: @DIR@ (project folder), @RS@ .. @RE@ (the evaluated range),
-- @ASOF@ (the as-of date), @LABEL@ (the range's label, as xuncha writes it).
--
-- Semantics, as xuncha's (docs/language.md):
-- - the grid holds every calendar period that overlaps the range, and every
--   unit in scope, with or without records (the LEFT JOIN from grid × units);
-- - a unit is judged for a period only if it existed for the whole of it
--   (active_from <= period start, active_to >= period end; missing = open);
-- - records count up to the as-of date; a `>=` quota not met in a period
--   that ends after the as-of date is pending, not a violation;
-- - `m.closed by m.due`: a closing date after the as-of date has not
--   happened yet; an open measure is a violation once the as-of date reaches
--   its due date; a missing due date is a violation.
WITH
orgs AS (
  SELECT * FROM read_csv('@DIR@/orgs.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'parent': 'VARCHAR',
               'supervisory': 'BOOLEAN', 'active_from': 'DATE', 'active_to': 'DATE'})
),
-- One scan of the activities: counts per unit, type and month.
monthly AS MATERIALIZED (
  SELECT org, type, date_trunc('month', "at")::DATE AS month, count(*) AS n
  FROM read_csv('@DIR@/activities.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'org': 'VARCHAR', 'type': 'VARCHAR', 'at': 'DATE',
               'attendees': 'VARCHAR', 'content': 'VARCHAR'})
  WHERE type IN ('clean_governance_meeting', 'committee_meeting')
    AND "at" <= DATE '@ASOF@'
  GROUP BY ALL
),
years AS (
  SELECT make_date(y::INT, 1, 1) AS ps, make_date(y::INT, 12, 31) AS pe, y::VARCHAR AS label
  FROM range(year(DATE '@RS@'), year(DATE '@RE@') + 1) t(y)
),
months AS (
  SELECT m::DATE AS ps, (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS pe,
         strftime(m, '%Y-%m') AS label
  FROM range(date_trunc('month', DATE '@RS@')::TIMESTAMP,
             (DATE '@RE@' + INTERVAL 1 DAY)::TIMESTAMP, INTERVAL 1 MONTH) t(m)
),
s01 AS (
  SELECT 'S01' AS rule, o.id AS unit, g.label AS period
  FROM orgs o CROSS JOIN years g
  LEFT JOIN (SELECT org, year(month) AS y, sum(n) AS n FROM monthly
             WHERE type = 'clean_governance_meeting' GROUP BY ALL) c
    ON c.org = o.id AND c.y = year(g.ps)
  WHERE o.kind = 'department'
    AND (o.active_from IS NULL OR o.active_from <= g.ps)
    AND (o.active_to IS NULL OR o.active_to >= g.pe)
    AND g.pe <= DATE '@ASOF@'
    AND coalesce(c.n, 0) < 2
),
m01 AS (
  SELECT 'M01' AS rule, o.id AS unit, g.label AS period
  FROM orgs o CROSS JOIN months g
  LEFT JOIN (SELECT org, month, n FROM monthly WHERE type = 'committee_meeting') c
    ON c.org = o.id AND c.month = g.ps
  WHERE o.kind = 'branch'
    AND (o.active_from IS NULL OR o.active_from <= g.ps)
    AND (o.active_to IS NULL OR o.active_to >= g.pe)
    AND g.pe <= DATE '@ASOF@'
    AND coalesce(c.n, 0) < 1
),
d01 AS (
  SELECT 'D01' AS rule, id AS unit, '@LABEL@' AS period
  FROM read_csv('@DIR@/rectifications.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'org': 'VARCHAR', 'found': 'DATE', 'due': 'DATE', 'closed': 'DATE'})
  WHERE due IS NULL
     OR (closed <= DATE '@ASOF@' AND closed > due)
     OR ((closed IS NULL OR closed > DATE '@ASOF@') AND due <= DATE '@ASOF@')
)
SELECT * FROM s01 UNION ALL SELECT * FROM m01 UNION ALL SELECT * FROM d01
ORDER BY rule, unit, period
