-- portreg history schema, version 3: what writing a release back out as
-- published needs (portreg-query export --format xml). A file of an older
-- version lacks it and cannot be brought up to date without its releases,
-- so it is refused (database.cpp); this script only ever runs after the
-- two before it, on a new file.

-- <number> as written: "4748-4748" stays so (port_low and port_high are
-- what it says).
ALTER TABLE record ADD COLUMN number TEXT;
-- The order of the record's child elements as published, one letter each
-- (lib/portreg/layout.hpp); NULL for a version read from a CSV.
ALTER TABLE record ADD COLUMN layout TEXT;
-- Description and notes as published: an XML fragment with the inline
-- <xref>, <br/>, <paragraph> where they stand, white space folded; NULL
-- when the text holds no element (then `description` or `notes` is all).
ALTER TABLE record ADD COLUMN description_xml TEXT;
ALTER TABLE record ADD COLUMN notes_xml TEXT;

ALTER TABLE person ADD COLUMN layout TEXT;

ALTER TABLE registry_note ADD COLUMN xml TEXT;
ALTER TABLE registry_footnote ADD COLUMN xml TEXT;
