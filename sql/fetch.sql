-- Statements of what portreg-import --fetch keeps of each URL
-- (lib/portreg/fetch_state.cpp).

-- name: fetch_state.get
SELECT etag, last_modified, sha256, checked_at FROM fetch_state WHERE url = ?1;

-- name: fetch_state.received
-- A release arrived (200): its validators replace the old ones.
INSERT INTO fetch_state(url, etag, last_modified, sha256, checked_at) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
    sha256 = excluded.sha256, checked_at = excluded.checked_at;

-- name: fetch_state.not_modified
UPDATE fetch_state SET checked_at = ?2 WHERE url = ?1;

-- name: fetch.newest_date
SELECT max(registry_date) FROM release;
