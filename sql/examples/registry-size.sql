-- The registry's size over time: records and people of every release.
-- Run: sqlite3 -header -column portreg.db < sql/examples/registry-size.sql
SELECT registry_date, substr(sha256, 1, 8) AS hash, format, record_count, people_count
FROM release
ORDER BY seq;
