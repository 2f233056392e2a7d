-- The checks xuncha makes while loading the activities, as DuckDB SQL: the
-- rule queries (three.sql, library.sql) read the columns they need and check
-- only that the dates are dates. One row of problem counts, all 0 on the
-- generated data. Placeholders as in three.sql (only @DIR@ is used).
--
-- - every id is present and written once (the dataset's key);
-- - org, type and at are present (fields that are not optional);
-- - every org and every attendee names a record of orgs or persons (refs);
-- - at is a date (the typed read).
WITH
activities AS MATERIALIZED (
  SELECT * FROM read_csv('@DIR@/activities.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'org': 'VARCHAR', 'type': 'VARCHAR', 'at': 'DATE',
               'attendees': 'VARCHAR', 'content': 'VARCHAR'})
),
orgs AS (
  SELECT id FROM read_csv('@DIR@/orgs.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'parent': 'VARCHAR',
               'supervisory': 'BOOLEAN', 'active_from': 'DATE', 'active_to': 'DATE'})
),
persons AS (
  SELECT id FROM read_csv('@DIR@/persons.csv', header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'org': 'VARCHAR', 'role': 'VARCHAR',
               'active_from': 'DATE', 'active_to': 'DATE'})
),
attendees AS (
  SELECT trim(unnest(string_split(attendees, ';'))) AS person FROM activities
)
SELECT
  (SELECT count(*) - count(DISTINCT id) FROM activities) AS repeated_ids,
  (SELECT count(*) FROM activities
   WHERE id IS NULL OR org IS NULL OR type IS NULL OR "at" IS NULL) AS missing_values,
  (SELECT count(*) FROM activities a ANTI JOIN orgs o ON a.org = o.id
   WHERE a.org IS NOT NULL) AS unknown_orgs,
  (SELECT count(*) FROM attendees x ANTI JOIN persons p ON x.person = p.id) AS unknown_attendees
