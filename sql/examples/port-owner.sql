-- Who holds 5432/tcp in the newest release? (Rows without a transport hold
-- a port on every transport; ranges count too.)
-- Run: sqlite3 -header -column portreg.db < sql/examples/port-owner.sql
SELECT "Service Name", "Port Number", "Transport Protocol", "Description", "Assignee", "Contact"
FROM latest_records
WHERE record_id IN (
    SELECT id FROM record
    WHERE port_low <= 5432 AND port_high >= 5432 AND (transport = 'tcp' OR transport IS NULL))
ORDER BY position;
