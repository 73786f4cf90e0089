-- How the port space is used in the newest release: ports assigned,
-- reserved and unassigned, per transport.
-- Run: sqlite3 -header -column portreg.db < sql/examples/port-status.sql
SELECT transport, status, count(*) AS rows, sum(port_high - port_low + 1) AS ports
FROM port_status
GROUP BY transport, status
ORDER BY transport, status;
