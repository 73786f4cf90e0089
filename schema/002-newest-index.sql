-- portreg history schema, version 2: adds what adding a release after the
-- newest one needs to know of the newest one (lib/portreg/newest_index.hpp),
-- so that a new process need not read it all again. A version-1 file is
-- brought to version 2 by running this script when an importer opens it.

-- The row of hash 0 is the head: the generation and newest position it was
-- written at, and the hashes of its chunks in order; every other row is a
-- chunk, under the hash of its bytes. It counts only while that generation
-- equals the one in `properties` (which every added release moves on) and
-- that position is the newest release's seq; otherwise the importer reads
-- without it.
CREATE TABLE newest_index (
    hash INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);
