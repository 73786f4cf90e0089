-- What the newest release changed against the release before it: the
-- records that appeared (+) and disappeared (-), by port.
-- Run: sqlite3 -header -column portreg.db < sql/examples/latest-changes.sql
WITH newest AS (SELECT max(seq) AS seq FROM release),
     now_in AS (
         SELECT s.item FROM span s, newest n
         WHERE s.kind = 0 AND s.lo <= n.seq AND s.hi >= n.seq),
     before_in AS (
         SELECT s.item FROM span s, newest n
         WHERE s.kind = 0 AND s.lo <= n.seq - 1 AND s.hi >= n.seq - 1),
     changes AS (
         SELECT '+' AS change, item FROM now_in WHERE item NOT IN (SELECT item FROM before_in)
         UNION ALL
         SELECT '-', item FROM before_in WHERE item NOT IN (SELECT item FROM now_in))
SELECT c.change,
       coalesce(r.name, '') AS service,
       coalesce(r.number, '') AS port,
       coalesce(r.transport, '') AS transport,
       r.description,
       coalesce(r.reg_date, '') AS registered
FROM changes c JOIN record r ON r.id = c.item
ORDER BY r.port_low, r.transport, c.change DESC, r.name;
