-- Views for sqlite3 users. `release_record` and `release_person` list the
-- members of every release in published order (position).

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
