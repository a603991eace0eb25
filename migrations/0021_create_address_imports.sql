-- Bulk imports of standard addresses (标准地址批量导入): a street's or the city's file of doorplates (CSV
-- with coordinates, or GeoJSON) checked row by row, each row placed in its community and linked to the
-- grid in force that holds it (地址关联), and written all at once or not at all. Each import that was
-- written is recorded here with who, when, what file and what it did; a file refused is not (it changed
-- nothing; its report went back to the person who sent it).
CREATE TABLE address_import (
  id             serial PRIMARY KEY,
  imported_by_id int REFERENCES app_user(id),
  imported_at    timestamptz NOT NULL,
  -- The file's name as sent (no path), for the history list.
  file_name      text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200 AND file_name !~ '[[:cntrl:]/\\]'),
  format         text NOT NULL CHECK (format IN ('csv', 'geojson')),
  -- The coordinates' datum in the file: WGS 84 as GPS gives it, or GCJ-02 as Chinese web maps do.
  crs            text NOT NULL CHECK (crs IN ('wgs84', 'gcj02')),
  rows_read      int NOT NULL CHECK (rows_read >= 0),
  created        int NOT NULL CHECK (created >= 0),
  updated        int NOT NULL CHECK (updated >= 0),
  -- Rows written that lie in no grid in force: a gap in the grids, for the street to close.
  unlinked       int NOT NULL CHECK (unlinked >= 0),
  took_ms        int NOT NULL CHECK (took_ms >= 0),
  -- The streets its rows lie in: whose history lists it (a street sees its own imports, the city all).
  street_codes   text[] NOT NULL
);
CREATE INDEX address_import_at_idx ON address_import (imported_at DESC);
COMMENT ON TABLE address_import IS 'A bulk import of standard addresses that was written: who, when, which file, and how many rows it created, updated and left outside any grid.';

-- The import that last wrote an address (NULL: the demo city's load, or written another way), so a
-- department can ask where a doorplate's figures came from.
ALTER TABLE standard_address ADD COLUMN import_id int REFERENCES address_import(id);
COMMENT ON COLUMN standard_address.import_id IS 'The bulk import that last wrote this address, if any.';
