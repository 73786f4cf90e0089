-- Statements that read releases back (lib/portreg/snapshot_reader.cpp).

-- name: snapshot.releases
SELECT id, seq, registry_date, sha256, captured, format, source, imported_at, meta_id,
       record_count, people_count
FROM release ORDER BY seq;

-- name: snapshot.release_at
SELECT id, seq, registry_date, sha256, captured, format, source, imported_at, meta_id,
       record_count, people_count
FROM release WHERE seq = ?1;

-- name: snapshot.seq_by_id
SELECT seq FROM release WHERE id = ?1;

-- name: snapshot.seq_by_hash_prefix
SELECT seq FROM release WHERE substr(sha256, 1, length(?1)) = ?1 ORDER BY seq;

-- name: snapshot.records
SELECT r.id, r.name, r.port_low, r.port_high, r.transport, r.description, r.reg_date,
       r.mod_date, r.service_code, r.unauthorized, r.notes, r.has_assignee, r.number, r.layout,
       r.description_xml, r.notes_xml
FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY s.ord;

-- name: snapshot.record_xrefs
-- Walks record_xref in key order, so that no sort is needed.
SELECT x.record_id, x.role, x.type, x.data, x.text, x.section
FROM record_xref x
CROSS JOIN span s ON s.kind = 0 AND s.item = x.record_id AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY x.record_id, x.role, x.seq;

-- name: snapshot.records_in
SELECT r.id, r.name, r.port_low, r.port_high, r.transport, r.description, r.reg_date,
       r.mod_date, r.service_code, r.unauthorized, r.notes, r.has_assignee, r.number, r.layout,
       r.description_xml, r.notes_xml
FROM json_each(?2) j
CROSS JOIN record r ON r.id = j.value
CROSS JOIN span s ON s.kind = 0 AND s.item = r.id AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY s.ord;

-- name: snapshot.records_listed
SELECT r.id, r.name, r.port_low, r.port_high, r.transport, r.description, r.reg_date,
       r.mod_date, r.service_code, r.unauthorized, r.notes, r.has_assignee, r.number, r.layout,
       r.description_xml, r.notes_xml
FROM json_each(?1) j JOIN record r ON r.id = j.value
ORDER BY j.key;

-- name: snapshot.record_xrefs_in
SELECT x.record_id, x.role, x.type, x.data, x.text, x.section
FROM record_xref x
WHERE x.record_id IN (SELECT value FROM json_each(?1))
ORDER BY x.record_id, x.role, x.seq;

-- name: snapshot.people
SELECT p.id, p.person_id, p.name, p.org, p.updated, p.layout
FROM span s JOIN person p ON p.id = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY s.ord;

-- name: snapshot.person_uris
SELECT u.person_version, u.uri
FROM span s JOIN person_uri u ON u.person_version = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1
ORDER BY u.person_version, u.seq;

-- name: snapshot.meta
SELECT title, category, expert FROM registry_meta WHERE id = ?1;

-- name: snapshot.meta_notes
SELECT title, text, xml FROM registry_note WHERE meta_id = ?1 ORDER BY seq;

-- name: snapshot.meta_footnotes
SELECT anchor, text, xml FROM registry_footnote WHERE meta_id = ?1 ORDER BY seq;

-- name: snapshot.meta_xrefs
SELECT scope, scope_seq, type, data, text, section FROM registry_xref WHERE meta_id = ?1
ORDER BY scope, scope_seq, seq;

-- name: snapshot.people_listed
SELECT p.id, p.person_id, p.name, p.org, p.updated, p.layout
FROM json_each(?1) j JOIN person p ON p.id = j.value
ORDER BY j.key;

-- name: snapshot.person_uris_listed
SELECT u.person_version, u.uri FROM person_uri u
WHERE u.person_version IN (SELECT value FROM json_each(?1))
ORDER BY u.person_version, u.seq;
