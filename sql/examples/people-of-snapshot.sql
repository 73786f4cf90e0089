-- The people of the release as of 2025-01-01, as IANA's people CSV would
-- list them.
-- Run: sqlite3 -header -csv portreg.db < sql/examples/people-of-snapshot.sql
SELECT id, name, organization, contact_uri, last_updated
FROM snapshot_people
WHERE seq = (SELECT max(seq) FROM release WHERE registry_date <= '2025-01-01')
ORDER BY position;
