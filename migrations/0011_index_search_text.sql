-- Search by substring ("长江路", "玄武") over the names of areas and grids and the text of standard
-- addresses: trigram GIN indexes serve ILIKE '%…%' on both engines (pg_trgm counts CJK characters as
-- word characters in a UTF-8 database, the same on the server and in PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX standard_address_address_trgm_idx ON standard_address USING gin (address gin_trgm_ops);
CREATE INDEX grid_name_trgm_idx ON grid USING gin (name gin_trgm_ops);
CREATE INDEX community_name_trgm_idx ON community USING gin (name gin_trgm_ops);
CREATE INDEX street_name_trgm_idx ON street USING gin (name gin_trgm_ops);
