-- Statements of the history store's parts (lib/portreg/history_store.cpp and
-- the files it names).

-- name: property.get
SELECT value FROM properties WHERE key = ?1;

-- name: property.set
INSERT INTO properties(key, value) VALUES (?1, ?2)
ON CONFLICT(key) DO UPDATE SET value = excluded.value;

-- name: release.by_sha
SELECT id, registry_date, seq, record_count, people_count FROM release WHERE sha256 = ?1;

-- name: release.count
SELECT count(*) FROM release;

-- name: release.position
-- History order: by date; of one date, CSV releases before XML ones (so that
-- the last release of a date is the XML, which carries more), then by capture
-- time.
SELECT count(*) + 1 FROM release
WHERE (registry_date, format = 'xml', captured, sha256) < (?1, ?4 = 'xml', ?2, ?3);

-- name: release.shift_park
UPDATE release SET seq = -(seq + 1) WHERE seq >= ?1;

-- name: release.shift_unpark
UPDATE release SET seq = -seq WHERE seq < 0;

-- name: release.insert
INSERT INTO release(sha256, registry_date, captured, seq, format, source, imported_at,
                    meta_id, record_count, people_count)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10);

-- name: release.at
SELECT registry_date, sha256 FROM release WHERE seq = ?1;

-- name: span.shift_lo
UPDATE span SET lo = lo + 1 WHERE lo >= ?1;

-- name: span.shift_hi
UPDATE span SET hi = hi + 1 WHERE hi >= ?1 AND hi <> 2147483647;

-- name: span.covering
SELECT rowid, item, lo, hi, ord FROM span WHERE kind = ?1 AND lo <= ?2 AND hi >= ?2;

-- name: span.insert
INSERT INTO span(kind, item, lo, hi, ord) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: span.insert_rows
-- The head of an insert of many rows (see sql::multi_row).
INSERT INTO span(kind, item, lo, hi, ord) VALUES

-- name: span.set_lo
UPDATE span SET lo = ?2 WHERE rowid = ?1;

-- name: span.set_hi
UPDATE span SET hi = ?2 WHERE rowid = ?1;

-- name: span.delete
DELETE FROM span WHERE rowid = ?1;

-- name: record.by_digest
SELECT id FROM record WHERE digest = ?1;

-- name: record.insert
INSERT INTO record(digest, render_digest, name, port_low, port_high, transport, description,
                   reg_date, mod_date, service_code, unauthorized, notes, has_assignee, rendered,
                   number, layout, description_xml, notes_xml)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
ON CONFLICT(digest) DO NOTHING;

-- name: record.digests_at
SELECT r.digest, r.id FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND s.lo <= ?1 AND s.hi >= ?1;

-- name: person.digests_at
SELECT p.digest, p.id FROM span s JOIN person p ON p.id = s.item
WHERE s.kind = 1 AND s.lo <= ?1 AND s.hi >= ?1;

-- name: record.render_digests_at
SELECT r.render_digest, r.id FROM span s JOIN record r ON r.id = s.item
WHERE s.kind = 0 AND s.lo <= ?1 AND s.hi >= ?1;

-- name: record.render_digests
SELECT render_digest, id FROM record ORDER BY id;

-- name: record.by_rendering
-- The versions that render as ?1: those of the releases at positions ?2
-- and ?3 first, then the others, each by id.
SELECT r.id FROM record r WHERE r.render_digest = ?1
ORDER BY NOT EXISTS (SELECT 1 FROM span s
                     WHERE s.kind = 0 AND s.item = r.id
                       AND ((s.lo <= ?2 AND s.hi >= ?2) OR (s.lo <= ?3 AND s.hi >= ?3))),
         r.id;

-- name: record.last_id
SELECT coalesce(max(id), 0) FROM record;

-- name: record_fts.insert_new
-- The versions a release added (ids above ?1), indexed in one statement.
INSERT INTO record_fts(rowid, text) SELECT id, rendered FROM record WHERE id > ?1;

-- name: record.identity
SELECT identity FROM record_identity WHERE record_id = ?1;

-- name: record_xref.insert
INSERT INTO record_xref(record_id, role, seq, type, data, text, section)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);

-- name: record_xref.insert_rows
-- The head of an insert of many rows (see sql::multi_row).
INSERT INTO record_xref(record_id, role, seq, type, data, text, section) VALUES

-- name: person.by_digest
SELECT id FROM person WHERE digest = ?1;

-- name: person.insert
INSERT INTO person(digest, person_id, name, org, updated, layout)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT(digest) DO NOTHING;

-- name: person_uri.insert
INSERT INTO person_uri(person_version, seq, uri) VALUES (?1, ?2, ?3);

-- name: meta.by_digest
SELECT id FROM registry_meta WHERE digest = ?1;

-- name: meta.insert
INSERT INTO registry_meta(digest, title, category, expert) VALUES (?1, ?2, ?3, ?4);

-- name: meta_note.insert
INSERT INTO registry_note(meta_id, seq, title, text, xml) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: meta_footnote.insert
INSERT INTO registry_footnote(meta_id, seq, anchor, text, xml) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: meta_xref.insert
INSERT INTO registry_xref(meta_id, scope, scope_seq, seq, type, data, text, section)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);

-- name: newest_index.get
SELECT data FROM newest_index WHERE hash = ?1;

-- name: newest_index.put
INSERT OR REPLACE INTO newest_index(hash, data) VALUES (?1, ?2);

-- name: newest_index.hashes
SELECT hash FROM newest_index WHERE hash <> 0;

-- name: newest_index.delete
DELETE FROM newest_index WHERE hash = ?1;

-- name: release.with_date
SELECT 1 FROM release WHERE registry_date = ?1 LIMIT 1;
