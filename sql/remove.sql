-- Statements of removing a release (lib/portreg/release_removal.cpp): the
-- reverse of adding one at its position.

-- name: remove.release
SELECT id, seq, registry_date, format, meta_id, record_count, people_count
FROM release WHERE sha256 = ?1;

-- name: remove.spans_only_at
-- The spans of versions that, in their run, only release ?1 holds; ?2 is
-- the hi of such a span (?1, or 2147483647 where ?1 is the newest).
DELETE FROM span WHERE lo = ?1 AND hi = ?2 RETURNING kind, item;

-- name: remove.release_row
DELETE FROM release WHERE id = ?1;

-- name: remove.shift_park
-- Every later release moves down one, through negative positions, as
-- seq is unique.
UPDATE release SET seq = -(seq - 1) WHERE seq > ?1;

-- name: remove.span_shift_lo
UPDATE span SET lo = lo - 1 WHERE lo > ?1;

-- name: remove.span_shift_hi
UPDATE span SET hi = hi - 1 WHERE hi >= ?1 AND hi <> 2147483647;

-- name: remove.spans_to_join
-- After the shift: the spans of one version and order key that end right
-- before ?1 and start at ?1, which the removed release stood between.
SELECT a.rowid, b.rowid, b.hi FROM span a
JOIN span b ON b.kind = a.kind AND b.item = a.item AND b.lo = ?1 AND b.ord = a.ord
WHERE a.kind IN (0, 1) AND a.hi = ?1 - 1;

-- name: remove.reopen_spans
-- The newest release went: the spans of the one before it run through the
-- newest again.
UPDATE span SET hi = 2147483647 WHERE kind IN (0, 1) AND hi = ?1;

-- name: remove.version_held
SELECT 1 FROM span WHERE kind = ?1 AND item = ?2 LIMIT 1;

-- name: remove.record_fts
-- A contentless full-text table forgets a row given the text it indexed.
INSERT INTO record_fts(record_fts, rowid, text)
SELECT 'delete', id, rendered FROM record WHERE id = ?1;

-- name: remove.record_xrefs
DELETE FROM record_xref WHERE record_id = ?1;

-- name: remove.record
DELETE FROM record WHERE id = ?1;

-- name: remove.person_uris
DELETE FROM person_uri WHERE person_version = ?1;

-- name: remove.person
DELETE FROM person WHERE id = ?1;

-- name: remove.meta_used
SELECT 1 FROM release WHERE meta_id = ?1 LIMIT 1;

-- name: remove.meta_xrefs
DELETE FROM registry_xref WHERE meta_id = ?1;

-- name: remove.meta_notes
DELETE FROM registry_note WHERE meta_id = ?1;

-- name: remove.meta_footnotes
DELETE FROM registry_footnote WHERE meta_id = ?1;

-- name: remove.meta
DELETE FROM registry_meta WHERE id = ?1;

-- name: newest_index.clear
DELETE FROM newest_index;
