-- Statements of the diff engine and of history (query/change_loader.cpp,
-- query/command_history.cpp).

-- name: diff.leaving
-- Versions of kind ?3 that release ?1 holds and release ?2 (later) does
-- not, in ?1's order. A version's span covering ?1 ends before ?2.
SELECT s.item FROM span s
WHERE s.kind = ?3 AND s.hi >= ?1 AND s.hi < ?2 AND s.lo <= ?1
  AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = ?3 AND b.item = s.item
                                         AND b.lo <= ?2 AND b.hi >= ?2)
ORDER BY s.ord;

-- name: diff.entering
-- Versions of kind ?3 that release ?2 holds and release ?1 (earlier) does
-- not, in ?2's order. A version's span covering ?2 starts after ?1.
SELECT s.item FROM span s
WHERE s.kind = ?3 AND s.hi >= ?2 AND s.lo <= ?2 AND s.lo > ?1
  AND NOT EXISTS (SELECT 1 FROM span b WHERE b.kind = ?3 AND b.item = s.item
                                         AND b.lo <= ?1 AND b.hi >= ?1)
ORDER BY s.ord;

-- name: history.port_spans
-- Every span of every record version overlapping ports ?1..?2 on
-- transport ?3 (NULL: any; a version without a transport covers them all).
SELECT s.item, s.lo, s.hi FROM record r
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id
WHERE r.port_low <= ?2 AND r.port_high >= ?1
  AND (?3 IS NULL OR r.transport IS NULL OR r.transport = ?3);

-- name: history.service_spans
SELECT s.item, s.lo, s.hi FROM record r
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id
WHERE r.name = ?1 COLLATE NOCASE;

-- name: history.service_glob_spans
-- Those of the versions whose name matches the pattern ?1 (GLOB, ignoring
-- ASCII case, as query.ids_by_name_glob).
SELECT s.item, s.lo, s.hi FROM record r
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id
WHERE lower(r.name) GLOB lower(?1);

-- name: history.person_id
-- A person id as the registry writes it, from one in any case.
SELECT person_id FROM person WHERE person_id = ?1 COLLATE NOCASE
ORDER BY person_id = ?1 DESC LIMIT 1;

-- name: history.person_spans
SELECT s.item, s.lo, s.hi FROM person p
CROSS JOIN span s ON s.kind = 1 AND s.item = p.id
WHERE p.person_id = ?1;

-- name: history.naming_spans
-- Every span of every record version naming person ?1 as assignee or contact.
SELECT DISTINCT s.item, s.lo, s.hi FROM record_xref x
CROSS JOIN span s ON s.kind = 0 AND s.item = x.record_id
WHERE x.type = 'person' AND x.data = ?1 AND x.role IN ('own', 'assignee');

-- name: history.newest
SELECT max(seq) FROM release;
