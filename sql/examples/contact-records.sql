-- Every record of the newest release that names Jon Postel as its contact.
-- Run: sqlite3 -header -column portreg.db < sql/examples/contact-records.sql
SELECT "Service Name", "Port Number", "Transport Protocol", "Description"
FROM latest_records
WHERE "Contact" LIKE '%[Jon_Postel]%'
ORDER BY position;
