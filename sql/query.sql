-- Statements of portreg-query (query/).

-- name: query.snapshot_newest
SELECT max(seq) FROM release;

-- name: query.snapshot_as_of
SELECT seq FROM release WHERE registry_date <= ?1 ORDER BY seq DESC LIMIT 1;

-- name: query.ids_by_port
-- Records of snapshot ?1 whose ports overlap ?2..?3, on transport ?4 (a
-- record without a transport speaks for every transport); ?4 NULL: any.
-- CROSS JOIN keeps SQLite on the port index first, then one span lookup
-- per candidate, instead of walking every span of the snapshot.
SELECT r.id FROM record r
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id AND s.lo <= ?1 AND s.hi >= ?1
WHERE r.port_low <= ?3 AND r.port_high >= ?2
  AND (?4 IS NULL OR r.transport IS NULL OR r.transport = ?4);

-- name: query.ids_by_name
SELECT r.id FROM record r
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id AND s.lo <= ?1 AND s.hi >= ?1
WHERE r.name = ?2 COLLATE NOCASE;

-- name: query.service_names
-- The service names of snapshot ?1, to guess what a mistyped name meant.
SELECT DISTINCT r.name FROM record r
JOIN span s ON s.kind = 0 AND s.item = r.id AND s.lo <= ?1 AND s.hi >= ?1
WHERE r.name IS NOT NULL;

-- name: query.ids_by_name_glob
SELECT r.id FROM record r
JOIN span s ON s.kind = 0 AND s.item = r.id AND s.lo <= ?1 AND s.hi >= ?1
WHERE lower(r.name) GLOB lower(?2);

-- name: query.ids_containing
-- Records of snapshot ?1 whose rendered columns contain ?2 (lower case),
-- ignoring ASCII case, in registry order.
SELECT r.id FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND s.lo <= ?1 AND s.hi >= ?1 AND instr(lower(r.rendered), ?2) > 0
ORDER BY s.ord;

-- name: query.ids_fts
-- Record versions matching the FTS5 query ?1, best first. (Restricting
-- them to a snapshot in the same statement makes SQLite rank every match
-- many times over; query.ids_in_snapshot does it after.)
SELECT rowid FROM record_fts WHERE record_fts MATCH ?1 ORDER BY rank;

-- name: query.ids_in_snapshot
-- Those of the record versions in the JSON array ?2 that snapshot ?1 holds.
SELECT s.item FROM span s
WHERE s.kind = 0 AND s.item IN (SELECT value FROM json_each(?2)) AND s.lo <= ?1 AND s.hi >= ?1;

-- name: query.people_by_id
-- People of snapshot ?1 whose id is in the JSON array ?2, ids compared
-- without regard to case.
SELECT p.id, p.person_id, p.name, p.org, p.updated
FROM span s JOIN person p ON p.id = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1
  AND lower(p.person_id) IN (SELECT lower(value) FROM json_each(?2))
ORDER BY s.ord;

-- name: query.people_by_exact_id
-- People of snapshot ?1 whose id is in the JSON array ?2 exactly, as
-- records name them: through the index of ids (CROSS JOIN keeps SQLite
-- from scanning the snapshot's people instead).
SELECT p.id, p.person_id, p.name, p.org, p.updated
FROM json_each(?2) j
CROSS JOIN person p ON p.person_id = j.value
CROSS JOIN span s ON s.kind = 1 AND s.item = p.id AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY s.ord;

-- name: query.generation
-- What changes whenever the releases do (an import, a removal): the
-- generation portreg-import counts, and the releases' count and newest id.
SELECT coalesce((SELECT value FROM properties WHERE key = 'generation'), '0') || '.' ||
       (SELECT count(*) FROM release) || '.' || coalesce((SELECT max(id) FROM release), 0);

-- name: query.person_ids
-- The ids of the people of snapshot ?1, to guess what a mistyped id meant.
SELECT p.person_id
FROM span s JOIN person p ON p.id = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY s.ord;

-- name: query.people_matching
SELECT p.id, p.person_id, p.name, p.org, p.updated
FROM span s JOIN person p ON p.id = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1
  AND (instr(lower(p.person_id), lower(?2)) OR instr(lower(coalesce(p.name, '')), lower(?2))
       OR instr(lower(coalesce(p.org, '')), lower(?2)))
ORDER BY s.ord;

-- name: query.person_uris
SELECT uri FROM person_uri WHERE person_version = ?1 ORDER BY seq;

-- name: query.ids_naming_person
-- Records of snapshot ?1 that name person ?2 as assignee or contact.
SELECT DISTINCT x.record_id FROM record_xref x
CROSS JOIN span s ON s.kind = 0 AND s.item = x.record_id AND s.lo <= ?1 AND s.hi >= ?1
WHERE x.type = 'person' AND x.data = ?2 AND x.role IN ('own', 'assignee');

-- name: query.log
-- Per release: its record versions new against the release before it
-- (added), those of the release before that it no longer has (removed),
-- and how many of those pair up by service name, transport and ports
-- (changed: the same record edited), as lib/portreg/change_counts.hpp
-- counts them for the importer. Releases dated ?1..?2.
WITH entered AS (
    SELECT a.lo AS seq, a.item FROM span a
    WHERE a.kind = 0 AND a.lo > 1
      AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = 0 AND b.item = a.item
                                              AND b.lo <= a.lo - 1 AND b.hi >= a.lo - 1)),
left_ AS (
    SELECT a.hi + 1 AS seq, a.item FROM span a
    WHERE a.kind = 0 AND a.hi < 2147483647
      AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = 0 AND b.item = a.item
                                              AND b.lo <= a.hi + 1 AND b.hi >= a.hi + 1)),
keyed AS (
    SELECT c.seq, i.identity AS key,
           sum(c.side = 'in') AS n_in, sum(c.side = 'out') AS n_out
    FROM (SELECT seq, item, 'in' AS side FROM entered
          UNION ALL SELECT seq, item, 'out' FROM left_) c
    JOIN record_identity i ON i.record_id = c.item
    GROUP BY c.seq, key),
counts AS (
    SELECT seq, sum(n_in) AS n_in, sum(n_out) AS n_out, sum(min(n_in, n_out)) AS changed
    FROM keyed GROUP BY seq)
SELECT rel.seq, rel.registry_date, rel.sha256, rel.format, rel.record_count,
       coalesce(c.n_in, 0) - coalesce(c.changed, 0) AS added,
       coalesce(c.n_out, 0) - coalesce(c.changed, 0) AS removed,
       coalesce(c.changed, 0) AS changed
FROM release rel LEFT JOIN counts c ON c.seq = rel.seq
WHERE rel.registry_date BETWEEN ?1 AND ?2
ORDER BY rel.seq;

-- name: query.last_import
-- When a release was last added (ISO 8601 UTC), for the staleness note.
SELECT max(imported_at) FROM release;

-- name: query.last_fetch_check
-- When a fetch last had an answer, 200 or 304 (a schema-4 table: the
-- caller asks only when it is there).
SELECT max(checked_at) FROM fetch_state;
