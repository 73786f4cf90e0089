-- portreg history schema, version 1.
--
-- A release (one published version of the registry) is identified by the
-- sha256 of its bytes and placed in history order by (registry_date,
-- captured, sha256); `seq` is its position in that order, 1 = oldest.
--
-- Records, people and registry metadata are stored once per distinct
-- version. Which releases hold a version is kept in `span` as runs of
-- consecutive release positions, so the history grows with the number of
-- changes, not with the number of releases.

CREATE TABLE properties (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Registry-level content of a release: title, experts, notes, footnotes.
CREATE TABLE registry_meta (
    id       INTEGER PRIMARY KEY,
    digest   BLOB NOT NULL UNIQUE,
    title    TEXT NOT NULL,
    category TEXT NOT NULL,
    expert   TEXT NOT NULL
);

CREATE TABLE registry_note (
    meta_id INTEGER NOT NULL REFERENCES registry_meta(id),
    seq     INTEGER NOT NULL,
    title   TEXT,
    text    TEXT NOT NULL,
    PRIMARY KEY (meta_id, seq)
) WITHOUT ROWID;

CREATE TABLE registry_footnote (
    meta_id INTEGER NOT NULL REFERENCES registry_meta(id),
    seq     INTEGER NOT NULL,
    anchor  TEXT NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (meta_id, seq)
) WITHOUT ROWID;

-- References of the registry itself (scope 'registry'), and those inline in
-- its notes and footnotes (scope 'note' / 'footnote', scope_seq = their seq).
CREATE TABLE registry_xref (
    meta_id   INTEGER NOT NULL REFERENCES registry_meta(id),
    scope     TEXT NOT NULL CHECK (scope IN ('registry', 'note', 'footnote')),
    scope_seq INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    type      TEXT NOT NULL,
    data      TEXT,
    text      TEXT,
    section   TEXT,
    PRIMARY KEY (meta_id, scope, scope_seq, seq)
) WITHOUT ROWID;

CREATE TABLE release (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    registry_date TEXT NOT NULL,
    captured      TEXT NOT NULL,
    seq           INTEGER NOT NULL UNIQUE,
    format        TEXT NOT NULL CHECK (format IN ('xml', 'csv')),
    source        TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    meta_id       INTEGER REFERENCES registry_meta(id),
    record_count  INTEGER NOT NULL,
    people_count  INTEGER NOT NULL
);

-- One row per distinct record version. Text is whitespace-normalized; rich
-- text (description, notes) is stored rendered, its inline references are
-- in record_xref. `digest` identifies the full content, `render_digest` only
-- the 12 published columns (what a CSV release can carry).
CREATE TABLE record (
    id            INTEGER PRIMARY KEY,
    digest        BLOB NOT NULL UNIQUE,
    render_digest BLOB NOT NULL,
    name          TEXT,
    port_low      INTEGER CHECK (port_low BETWEEN 0 AND 65535),
    port_high     INTEGER CHECK (port_high BETWEEN port_low AND 65535),
    transport     TEXT CHECK (transport IN ('tcp', 'udp', 'sctp', 'dccp')),
    description   TEXT NOT NULL,
    reg_date      TEXT,
    mod_date      TEXT,
    service_code  TEXT,
    unauthorized  TEXT,
    notes         TEXT,
    has_assignee  INTEGER NOT NULL DEFAULT 0,
    -- The 12 published columns, each followed by a line feed (which
    -- normalized text never holds): what IANA's web search looks through.
    rendered      TEXT NOT NULL
);
CREATE INDEX record_render_digest ON record(render_digest);
CREATE INDEX record_name ON record(name COLLATE NOCASE);
CREATE INDEX record_port ON record(port_low, port_high);

-- A record's references in document order. role: 'own' (direct children of
-- <record>: contacts and the Reference column), 'assignee' (inside
-- <assignee>), 'description' and 'note' (inline in that rich text).
CREATE TABLE record_xref (
    record_id INTEGER NOT NULL REFERENCES record(id),
    role      TEXT NOT NULL CHECK (role IN ('own', 'assignee', 'description', 'note')),
    seq       INTEGER NOT NULL,
    type      TEXT NOT NULL,
    data      TEXT,
    text      TEXT,
    section   TEXT,
    PRIMARY KEY (record_id, role, seq)
) WITHOUT ROWID;
CREATE INDEX record_xref_data ON record_xref(data) WHERE type = 'person';

-- Full-text index of every record version's 12 published columns, for
-- `portreg-query search --fts` (rowid = record.id; the text itself is in
-- record and record_xref).
CREATE VIRTUAL TABLE record_fts USING fts5(text, content = '', tokenize = 'unicode61');

-- One row per distinct person version.
CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    digest       BLOB NOT NULL UNIQUE,
    person_id    TEXT NOT NULL,
    name         TEXT,
    org          TEXT,
    updated      TEXT
);
CREATE INDEX person_person_id ON person(person_id);

CREATE TABLE person_uri (
    person_version INTEGER NOT NULL REFERENCES person(id),
    seq            INTEGER NOT NULL,
    uri            TEXT NOT NULL,
    PRIMARY KEY (person_version, seq)
) WITHOUT ROWID;

-- Membership of versions in releases. kind 0 = record, 1 = person; item is
-- record.id or person.id. The version is in every release whose seq lies in
-- [lo, hi]; hi = 2147483647 means "through the newest release". Within one
-- release, ordering its members by `ord` gives the published order.
CREATE TABLE span (
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
    item INTEGER NOT NULL,
    lo   INTEGER NOT NULL,
    hi   INTEGER NOT NULL CHECK (hi >= lo),
    ord  TEXT NOT NULL
);
CREATE INDEX span_item ON span(kind, item, lo);
CREATE INDEX span_hi ON span(kind, hi, lo);
