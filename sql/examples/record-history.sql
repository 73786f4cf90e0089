-- Every version of the records on port 5432 and the releases that held it
-- (last_date empty: still in the newest release).
-- Run: sqlite3 -header -column portreg.db < sql/examples/record-history.sql
SELECT first_date, coalesce(last_date, '') AS last_date,
       "Service Name", "Port Number", "Transport Protocol", "Contact", "Modification Date"
FROM record_history
WHERE "Port Number" = '5432'
ORDER BY "Transport Protocol", first_seq;
