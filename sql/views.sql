-- Views for sqlite3 users. They are derived from the tables, so portreg
-- (re)creates them each time it opens a database for writing.
--
--   record_rendered   every record version in IANA's 12 columns
--   snapshot_records  the records of every snapshot, in registry order
--   latest_records    the records of the newest snapshot
--   snapshot_people   the people of every snapshot
--   port_status       assigned, reserved or unassigned, per port range and
--                     transport, in the newest snapshot
--   release_record, release_person
--                     the raw versions of each release, for joins

DROP VIEW IF EXISTS record_rendered;
DROP VIEW IF EXISTS snapshot_records;
DROP VIEW IF EXISTS latest_records;
DROP VIEW IF EXISTS snapshot_people;
DROP VIEW IF EXISTS port_status;
DROP VIEW IF EXISTS release_record;
DROP VIEW IF EXISTS release_person;

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

-- An xref renders as [TEXT], else [DATA] (an rfc's data upper-cased).
CREATE VIEW record_rendered AS
SELECT r.id AS record_id,
       coalesce(r.name, '') AS "Service Name",
       CASE WHEN r.port_low IS NULL THEN ''
            WHEN r.port_low = r.port_high THEN CAST(r.port_low AS TEXT)
            ELSE r.port_low || '-' || r.port_high END AS "Port Number",
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

CREATE VIEW port_status AS
SELECT r.port_low, r.port_high, coalesce(r.transport, 'any') AS transport,
       CASE WHEN r.name IS NOT NULL THEN 'assigned'
            WHEN r.description LIKE 'Reserved%' THEN 'reserved'
            WHEN r.description = 'Unassigned' THEN 'unassigned'
            ELSE 'other' END AS status,
       coalesce(r.name, '') AS service, r.description
FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND r.port_low IS NOT NULL
  AND s.lo <= (SELECT max(seq) FROM release) AND s.hi >= (SELECT max(seq) FROM release);
