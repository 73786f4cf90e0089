-- The record changes of the releases of one day against the release before
-- each, as the release_changes view lists them: added, removed, and each
-- modification as its old and new side.
-- Run: sqlite3 -header -column portreg.db < sql/examples/changes-of-a-day.sql
SELECT registry_date, substr(sha256, 1, 8) AS release, change, side,
       "Service Name", "Port Number", "Transport Protocol", "Description"
FROM release_changes
WHERE registry_date = '2026-03-27'
ORDER BY seq, "Service Name", "Transport Protocol", side DESC;
