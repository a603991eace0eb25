-- Working copies (drafts) of a street's grids, and the edit log that gives them undo and redo.
-- A draft never touches the grid table: grids in force change only when the approval workflow files a
-- plan (a later issue). Everything lives in the database, so a draft survives a reload and a restart.

CREATE TABLE grid_draft (
  id          bigserial PRIMARY KEY,
  street_id   int NOT NULL REFERENCES street(id),
  -- Later issues add submitted / returned / approved / filed; only 'editing' drafts accept edits.
  status      text NOT NULL DEFAULT 'editing' CHECK (status IN ('editing')),
  -- Free text until users exist (next issue), then a user reference.
  author      text NOT NULL DEFAULT '',
  -- Optimistic concurrency: every change bumps it; a mutation names the version it saw.
  version     int NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- Grid keys are 'g' || n, never reused inside a draft (undo/redo must find the very same key).
  next_key    int NOT NULL DEFAULT 1 CHECK (next_key >= 1),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE grid_draft IS 'A working copy (草稿) of one street''s grids; edited on the map, later submitted as a plan (划分方案).';
-- At most one draft being edited per street: two editors of one street work on the same copy.
CREATE UNIQUE INDEX grid_draft_one_editing_per_street_idx ON grid_draft (street_id) WHERE status = 'editing';

CREATE TABLE grid_draft_grid (
  draft_id          bigint NOT NULL REFERENCES grid_draft(id) ON DELETE CASCADE,
  grid_key          text NOT NULL CHECK (grid_key ~ '^g[0-9]{1,9}$'),
  -- NULL only until a code is assigned (e.g. an imported grid whose community is not known yet).
  code              char(15) CHECK (code IS NULL OR code ~ '^[0-9]{15}$'),
  name              text NOT NULL DEFAULT '' CHECK (length(name) <= 100),
  kind              text NOT NULL DEFAULT 'comprehensive' CHECK (kind IN ('comprehensive', 'dedicated')),
  dedicated_type    text CHECK (dedicated_type IN ('park', 'school', 'hospital', 'enterprise', 'market', 'government')),
  community_id      int NOT NULL REFERENCES community(id),
  responsible_unit  text NOT NULL DEFAULT '' CHECK (length(responsible_unit) <= 200),
  notes             text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  geom              geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  -- The grid in force this one started from (copied when the draft was opened), if any.
  source_grid_id    bigint REFERENCES grid(id),
  PRIMARY KEY (draft_id, grid_key),
  CHECK ((kind = 'dedicated') = (dedicated_type IS NOT NULL))
);
COMMENT ON TABLE grid_draft_grid IS 'A grid inside a draft: the same attributes as grid, plus a stable key; code NULL until assigned.';
CREATE INDEX grid_draft_grid_geom_idx ON grid_draft_grid USING gist (geom);
CREATE INDEX grid_draft_grid_community_idx ON grid_draft_grid (community_id);
-- Codes are unique inside one draft (across drafts and history the service picks fresh sequences).
CREATE UNIQUE INDEX grid_draft_grid_code_idx ON grid_draft_grid (draft_id, code) WHERE code IS NOT NULL;

CREATE FUNCTION grid_draft_grid_code_matches_community() RETURNS trigger AS $$
BEGIN
  IF NEW.code IS NOT NULL AND substr(NEW.code, 1, 12) <> (SELECT code FROM community WHERE id = NEW.community_id) THEN
    RAISE EXCEPTION 'draft grid code % does not start with its community code', NEW.code
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER grid_draft_grid_code_matches_community BEFORE INSERT OR UPDATE OF code, community_id ON grid_draft_grid
  FOR EACH ROW EXECUTE FUNCTION grid_draft_grid_code_matches_community();

-- One row per user action. before/after hold the complete rows of every grid the action touched
-- (geometry as hex WKB, bit-exact), so undo puts back `before` and redo puts back `after` exactly.
CREATE TABLE grid_draft_edit (
  draft_id    bigint NOT NULL REFERENCES grid_draft(id) ON DELETE CASCADE,
  seq         int NOT NULL CHECK (seq >= 1),
  operation   text NOT NULL CHECK (operation ~ '^[a-zA-Z]+$'),
  -- The operation's input as the client sent it (for the history list and for audits).
  params      jsonb NOT NULL DEFAULT '{}'::jsonb,
  grid_keys   text[] NOT NULL,
  before      jsonb NOT NULL CHECK (jsonb_typeof(before) = 'array'),
  after       jsonb NOT NULL CHECK (jsonb_typeof(after) = 'array'),
  -- The undo cursor: undone edits form the redo stack; a new edit discards them.
  undone      boolean NOT NULL DEFAULT false,
  author      text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, seq)
);
COMMENT ON TABLE grid_draft_edit IS 'The edit log of a draft: one row per user action, with the touched grids before and after, for exact undo/redo.';
