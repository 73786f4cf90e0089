-- Views for sqlite3 users. They are derived from the tables, so portreg
-- (re)creates them each time it opens a database for writing.
--
--   record_rendered   every record version in IANA's 12 columns
--   record_identity   which versions are one record (record_identity.hpp)
--   snapshot_records  the records of every snapshot, in registry order
--   latest_records    the records of the newest snapshot
--   snapshot_people   the people of every snapshot
--   port_status       assigned, reserved, unassigned, private, withdrawn or
--                     unnamed, per port range and transport, in the newest
--                     snapshot
--   release_record, release_person
--                     the raw versions of each release, for joins
--   release_changes   the records each release changed against the one
--                     before it: added, removed, modified (old and new)
--   record_history    every record version with the releases that held it

DROP VIEW IF EXISTS record_rendered;
DROP VIEW IF EXISTS record_identity;
DROP VIEW IF EXISTS snapshot_records;
DROP VIEW IF EXISTS latest_records;
DROP VIEW IF EXISTS snapshot_people;
DROP VIEW IF EXISTS port_status;
DROP VIEW IF EXISTS release_record;
DROP VIEW IF EXISTS release_person;
DROP VIEW IF EXISTS release_changes;
DROP VIEW IF EXISTS record_history;

CREATE VIEW release_record AS
SELECT rel.id AS release_id, rel.registry_date, rel.sha256, s.ord AS position, r.*
FROM release rel
JOIN span s ON s.kind = 0 AND s.lo <= rel.seq AND s.hi >= rel.seq
JOIN record r ON r.id = s.item;

CREATE VIEW release_person AS
SELECT rel.id AS release_id, rel.registry_date, rel.sha256, s.ord AS position, p.*
FROM release rel
JOIN span s ON s.kind = 1 AND s.lo <= rel.seq AND s.hi >= rel.seq
JOIN person p ON p.id = s.item;

-- Versions with one identity are one record: the service name ignoring
-- case, the transport and the ports (lib/portreg/record_identity.hpp).
CREATE VIEW record_identity AS
SELECT id AS record_id,
       lower(coalesce(name, '')) || '|' || coalesce(transport, '') || '|' ||
       coalesce(port_low || '-' || port_high, '-') AS identity
FROM record;

-- An xref renders as [TEXT], else [DATA] (an rfc's data upper-cased).
CREATE VIEW record_rendered AS
SELECT r.id AS record_id,
       coalesce(r.name, '') AS "Service Name",
       coalesce(r.number, '') AS "Port Number",
       coalesce(r.transport, '') AS "Transport Protocol",
       r.description AS "Description",
       coalesce((SELECT group_concat(v, '') FROM (
                    SELECT '[' || coalesce(x.text, CASE x.type WHEN 'rfc' THEN upper(x.data)
                                                              ELSE x.data END) || ']' AS v
                    FROM record_xref x
                    WHERE x.record_id = r.id
                      AND ((r.has_assignee AND x.role = 'assignee')
                           OR (NOT r.has_assignee AND x.role = 'own' AND x.type = 'person'))
                    ORDER BY x.seq)), '') AS "Assignee",
       coalesce((SELECT group_concat(v, '') FROM (
                    SELECT '[' || coalesce(x.text, x.data) || ']' AS v
                    FROM record_xref x
                    WHERE x.record_id = r.id AND x.role = 'own' AND x.type = 'person'
                    ORDER BY x.seq)), '') AS "Contact",
       coalesce(r.reg_date, '') AS "Registration Date",
       coalesce(r.mod_date, '') AS "Modification Date",
       coalesce((SELECT group_concat(v, '') FROM (
                    SELECT '[' || coalesce(x.text, CASE x.type WHEN 'rfc' THEN upper(x.data)
                                                              ELSE x.data END) || ']' AS v
                    FROM record_xref x
                    WHERE x.record_id = r.id AND x.role = 'own' AND x.type <> 'person'
                    ORDER BY x.seq)), '') AS "Reference",
       coalesce(r.service_code, '') AS "Service Code",
       coalesce(r.unauthorized, '') AS "Unauthorized Use Reported",
       coalesce(r.notes, '') AS "Assignment Notes"
FROM record r;

CREATE VIEW snapshot_records AS
SELECT rel.id AS release_id, rel.registry_date, rel.sha256, rel.seq, s.ord AS position, v.*
FROM release rel
JOIN span s ON s.kind = 0 AND s.lo <= rel.seq AND s.hi >= rel.seq
JOIN record_rendered v ON v.record_id = s.item;

CREATE VIEW latest_records AS
SELECT * FROM snapshot_records WHERE seq = (SELECT max(seq) FROM release);

CREATE VIEW snapshot_people AS
SELECT rel.id AS release_id, rel.registry_date, rel.seq, s.ord AS position,
       p.person_id AS id, coalesce(p.name, '') AS name, coalesce(p.org, '') AS organization,
       coalesce((SELECT group_concat(uri, ' ') FROM (
                    SELECT uri FROM person_uri u WHERE u.person_version = p.id ORDER BY u.seq)),
                '') AS contact_uri,
       coalesce(p.updated, '') AS last_updated
FROM release rel
JOIN span s ON s.kind = 1 AND s.lo <= rel.seq AND s.hi >= rel.seq
JOIN person p ON p.id = s.item;

-- A row without a name is reserved, unassigned, kept for private use
-- ('any private mail system', from RFC 1700's days), withdrawn
-- ('De-registered', 'Removed', 'Deprecated', 'Decommissioned'), or, in
-- the few rows that say none of these, unnamed.
CREATE VIEW port_status AS
SELECT r.port_low, r.port_high, coalesce(r.transport, 'any') AS transport,
       CASE WHEN r.name IS NOT NULL THEN 'assigned'
            WHEN r.description LIKE 'Reserved%' THEN 'reserved'
            WHEN r.description LIKE '%unassigned%' THEN 'unassigned'
            WHEN r.description LIKE 'any private%' THEN 'private'
            WHEN r.description LIKE 'De-registered%' OR r.description LIKE 'Removed%'
              OR r.description LIKE 'Deprecated%' OR r.description LIKE 'Decom%'
              OR r.description LIKE 'De-Com%' THEN 'withdrawn'
            ELSE 'unnamed' END AS status,
       coalesce(r.name, '') AS service, r.description
FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND r.port_low IS NOT NULL
  AND s.lo <= (SELECT max(seq) FROM release) AND s.hi >= (SELECT max(seq) FROM release);

-- A record version enters a release where one of its spans starts and
-- leaves where one ends (unless another of its spans continues it). Entering and leaving versions that render the same
-- in the 12 columns cancel (what a CSV release or a reformatted reference
-- changes is no change of the record); an entering and a leaving version
-- with the same service name, transport and ports are one modification,
-- listed as its old and new side. (`portreg-query diff` says the same for
-- any two releases, and counts equal rows exactly.)
CREATE VIEW release_changes AS
WITH moves AS (
    -- A version whose place in the registry's order changed has a span
    -- ending right where its next one starts: no move.
    SELECT s.lo AS seq, 'new' AS side, s.item FROM span s
    WHERE s.kind = 0 AND s.lo > 1
      AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = 0 AND b.item = s.item
                                             AND b.hi = s.lo - 1)
    UNION ALL
    SELECT s.hi + 1, 'old', s.item FROM span s
    WHERE s.kind = 0 AND s.hi < 2147483647
      AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = 0 AND b.item = s.item
                                             AND b.lo = s.hi + 1)),
visible AS (
    SELECT m.seq, m.side, m.item, i.identity AS key
    FROM moves m JOIN record r ON r.id = m.item
    JOIN record_identity i ON i.record_id = m.item
    WHERE NOT EXISTS (
        -- CROSS JOIN: the few versions with this rendering first, then
        -- their spans (SQLite would walk every span otherwise).
        SELECT 1 FROM record x CROSS JOIN span b ON b.kind = 0 AND b.item = x.id
        WHERE x.render_digest = r.render_digest AND x.id <> r.id
          AND CASE m.side WHEN 'new' THEN b.hi = m.seq - 1 ELSE b.lo = m.seq END)),
paired AS (
    SELECT seq, side, item,
           sum(side = 'new') OVER (PARTITION BY seq, key) > 0 AND
           sum(side = 'old') OVER (PARTITION BY seq, key) > 0 AS modified
    FROM visible)
SELECT rel.id AS release_id, rel.registry_date, rel.sha256, rel.seq,
       CASE WHEN p.modified THEN 'modified' WHEN p.side = 'new' THEN 'added' ELSE 'removed' END
           AS change,
       p.side, rr.*
FROM paired p
JOIN release rel ON rel.seq = p.seq
JOIN record_rendered rr ON rr.record_id = p.item;

-- One row per run of consecutive releases holding a record version: the
-- first and last of them (last_seq NULL: still in the newest release).
-- Spans of a version that touch or overlap are one run: a version can be
-- held by neighbouring spans (under two order keys, after a release between
-- them was removed) where a history without that release holds it in one.
CREATE VIEW record_history AS
WITH marked AS (
    SELECT item, lo, hi,
           lo > coalesce(max(hi) OVER (PARTITION BY item ORDER BY lo, hi
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                         -2) + 1 AS starts_run
    FROM span WHERE kind = 0
), numbered AS (
    SELECT item, lo, hi, sum(starts_run) OVER (PARTITION BY item ORDER BY lo, hi) AS run
    FROM marked
), runs AS (
    SELECT item, min(lo) AS lo, max(hi) AS hi FROM numbered GROUP BY item, run
)
SELECT s.lo AS first_seq, f.registry_date AS first_date, f.sha256 AS first_sha256,
       CASE WHEN s.hi = 2147483647 THEN NULL ELSE s.hi END AS last_seq,
       l.registry_date AS last_date, rr.*
FROM runs s
JOIN release f ON f.seq = s.lo
LEFT JOIN release l ON l.seq = s.hi
JOIN record_rendered rr ON rr.record_id = s.item;
