-- portreg history schema, version 4: what `portreg-import --fetch` learnt
-- of each URL it asked, so that the next fetch is conditional (the server
-- answers 304 when nothing changed) and `portreg-query` can tell how long
-- ago the database was last brought up to date. A version-3 file gets it
-- when an importer opens it.

CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT,          -- the ETag of the last release received, as sent
    last_modified TEXT,          -- its Last-Modified, as sent (an HTTP date)
    sha256        TEXT,          -- of the bytes of that release
    checked_at    TEXT NOT NULL  -- ISO 8601 UTC: the last answer, 200 or 304
) WITHOUT ROWID;
