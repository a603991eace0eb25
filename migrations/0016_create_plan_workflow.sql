-- The approval workflow (街道初划、区级审核、市级备案): a street's draft becomes a plan (划分方案) when it is
-- submitted, is reviewed by its district and filed by the city; filing puts its grids in force from the
-- effective date. The states and their rules live in geo/plans/plan-states.ts; the database holds the
-- state, refuses a second open plan per street, and keeps the plan log append-only.

ALTER TABLE grid_draft DROP CONSTRAINT grid_draft_status_check;
ALTER TABLE grid_draft ADD CONSTRAINT grid_draft_status_check
  CHECK (status IN ('editing', 'submitted', 'under_review', 'returned', 'approved', 'filed', 'withdrawn', 'rejected', 'superseded'));

-- One plan on its way per street (editing to approved): a street's editors all work on it, and a filing
-- always replaces grids that no other open plan of the street started from.
DROP INDEX grid_draft_one_editing_per_street_idx;
CREATE UNIQUE INDEX grid_draft_one_open_per_street_idx ON grid_draft (street_id)
  WHERE status IN ('editing', 'submitted', 'under_review', 'returned', 'approved');

ALTER TABLE grid_draft
  -- The moment whose grids in force the draft was copied from (a restore starts from a past date).
  ADD COLUMN based_on      timestamptz,
  ADD COLUMN submitted_at  timestamptz,
  -- Filing (备案): the city's number, who filed, and when the grids take effect (today or later).
  ADD COLUMN filing_number text CHECK (filing_number IS NULL OR filing_number ~ '^[^[:cntrl:]]{1,60}$'),
  ADD COLUMN filed_at      timestamptz,
  ADD COLUMN filed_by_id   int REFERENCES app_user(id),
  ADD COLUMN effective_from timestamptz,
  ADD CONSTRAINT grid_draft_filed_has_filing CHECK (
    status NOT IN ('filed', 'superseded') OR (filing_number IS NOT NULL AND effective_from IS NOT NULL AND filed_at IS NOT NULL));
CREATE UNIQUE INDEX grid_draft_filing_number_idx ON grid_draft (filing_number) WHERE filing_number IS NOT NULL;
CREATE INDEX grid_draft_status_idx ON grid_draft (status, street_id);

-- Lineage both ways, as a cadastre's parcel records: the plan whose filing created a grid version, and the
-- plan whose filing retired it (NULL for the seed's grids and for versions still in force).
ALTER TABLE grid
  ADD COLUMN created_by_plan bigint REFERENCES grid_draft(id),
  ADD COLUMN retired_by_plan bigint REFERENCES grid_draft(id);
CREATE INDEX grid_created_by_plan_idx ON grid (created_by_plan) WHERE created_by_plan IS NOT NULL;
CREATE INDEX grid_code_idx ON grid (code, valid_from);
-- "Has the set of grids in force changed since t?": the latest validity boundary at or before a moment,
-- read on every tile request (server/tiles), from these two indexes.
CREATE INDEX grid_valid_from_idx ON grid (valid_from);
CREATE INDEX grid_valid_to_idx ON grid (valid_to) WHERE valid_to IS NOT NULL;

-- The editor's written reason for each topology warning the plan keeps; the reviewer reads them. A
-- finding is keyed by its code and the grids it names (server/plans/finding-key.ts).
CREATE TABLE plan_warning_reason (
  draft_id     bigint NOT NULL REFERENCES grid_draft(id) ON DELETE CASCADE,
  finding_key  text NOT NULL CHECK (length(finding_key) <= 700 AND finding_key ~ '^[A-Z_]+:' AND finding_key !~ '[[:cntrl:]]'),
  reason       text NOT NULL CHECK (length(btrim(reason)) > 0 AND length(reason) <= 2000),
  author_id    int REFERENCES app_user(id),
  author_name  text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, finding_key)
);
COMMENT ON TABLE plan_warning_reason IS 'Why a plan keeps a topology warning, written by its editor and shown to the reviewer.';

-- Every move of a plan: who, when, from which state to which, the comment, and the plan's topology digest
-- at that moment. Nobody may change or remove a row: a trigger refuses, and the privileges are revoked.
CREATE TABLE plan_log (
  id               bigserial PRIMARY KEY,
  draft_id         bigint NOT NULL REFERENCES grid_draft(id),
  at               timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  action           text NOT NULL CHECK (action ~ '^[a-z_]+$'),
  from_state       text NOT NULL,
  to_state         text NOT NULL,
  actor_id         int REFERENCES app_user(id),
  actor_name       text NOT NULL DEFAULT '',
  comment          text NOT NULL DEFAULT '',
  -- sha256 of the plan's grids and findings at the move (server/plans/digest.ts).
  topology_digest  text NOT NULL CHECK (topology_digest ~ '^[0-9a-f]{64}$'),
  blocking         int NOT NULL DEFAULT 0,
  warnings         int NOT NULL DEFAULT 0,
  detail           jsonb NOT NULL DEFAULT '{}'::jsonb
);
COMMENT ON TABLE plan_log IS 'Append-only log of every plan transition (who, when, from, to, comment, topology digest).';
CREATE INDEX plan_log_draft_idx ON plan_log (draft_id, id);

-- One refusal for every append-only log (the security log's own function of 0015 gives way to it).
CREATE FUNCTION refuse_change_of_append_only_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER plan_log_no_update BEFORE UPDATE OR DELETE ON plan_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_log();
CREATE TRIGGER plan_log_no_truncate BEFORE TRUNCATE ON plan_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_log();
REVOKE UPDATE, DELETE, TRUNCATE ON plan_log FROM PUBLIC;

DROP TRIGGER security_log_no_update ON security_log;
DROP TRIGGER security_log_no_truncate ON security_log;
DROP FUNCTION security_log_is_append_only();
CREATE TRIGGER security_log_no_update BEFORE UPDATE OR DELETE ON security_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_log();
CREATE TRIGGER security_log_no_truncate BEFORE TRUNCATE ON security_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_log();

-- Review comments pinned to a place on the map (a point or a drawn area), threaded; the editor resolves them.
CREATE TABLE plan_comment (
  id                bigserial PRIMARY KEY,
  draft_id          bigint NOT NULL REFERENCES grid_draft(id),
  parent_id         bigint REFERENCES plan_comment(id),
  author_id         int REFERENCES app_user(id),
  author_name       text NOT NULL DEFAULT '',
  body              text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 4000),
  -- Replies inherit their thread's place; a thread's first comment may have none (the plan as a whole).
  geom              geometry(Geometry, 4326) CHECK (geom IS NULL OR (ST_IsValid(geom) AND GeometryType(geom) IN ('POINT', 'POLYGON'))),
  created_at        timestamptz NOT NULL DEFAULT now(),
  resolved_at       timestamptz,
  resolved_by_id    int REFERENCES app_user(id),
  resolved_by_name  text NOT NULL DEFAULT '',
  CHECK (parent_id IS NULL OR geom IS NULL)
);
COMMENT ON TABLE plan_comment IS 'A reviewer''s or editor''s comment on a plan, pinned to a point or an area, threaded by parent_id.';
CREATE INDEX plan_comment_draft_idx ON plan_comment (draft_id, id);

-- The enclave and the pending transfer: the plan containing such an area records how it is handled
-- (which side handles which duties; or that the transfer is complete), and each district concerned
-- approves it. Filing the plan turns the arrangement from flagged into recorded (or resolved).
CREATE TABLE plan_arrangement (
  draft_id            bigint NOT NULL REFERENCES grid_draft(id),
  arrangement_id      int NOT NULL REFERENCES jurisdiction_arrangement(id),
  responsibilities    jsonb NOT NULL CHECK (jsonb_typeof(responsibilities) = 'object'),
  transfer_completed  boolean NOT NULL DEFAULT false,
  notes               text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  recorded_by_id      int REFERENCES app_user(id),
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, arrangement_id)
);
COMMENT ON TABLE plan_arrangement IS 'A plan''s proposed split of duties (enclave) or completed transfer for a jurisdiction arrangement.';

CREATE TABLE plan_arrangement_approval (
  draft_id        bigint NOT NULL,
  arrangement_id  int NOT NULL,
  district_id     int NOT NULL REFERENCES district(id),
  approved_by_id  int REFERENCES app_user(id),
  approved_by_name text NOT NULL DEFAULT '',
  approved_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draft_id, arrangement_id, district_id),
  FOREIGN KEY (draft_id, arrangement_id) REFERENCES plan_arrangement(draft_id, arrangement_id) ON DELETE CASCADE
);
COMMENT ON TABLE plan_arrangement_approval IS 'One district''s approval of a plan''s arrangement; a changed arrangement loses its approvals.';

ALTER TABLE jurisdiction_arrangement ADD COLUMN recorded_by_plan bigint REFERENCES grid_draft(id);

-- The inbox: the editor learns when a plan is returned or filed, the reviewer when one is submitted, the
-- filer when one is approved. Ids order the stream: a reconnecting client asks for what came after its last.
CREATE TABLE notification (
  id          bigserial PRIMARY KEY,
  user_id     int NOT NULL REFERENCES app_user(id),
  draft_id    bigint REFERENCES grid_draft(id),
  kind        text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
  street_name text NOT NULL DEFAULT '',
  actor_name  text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
COMMENT ON TABLE notification IS 'A user''s inbox entry about a plan (submitted, returned, approved, filed, ...).';
CREATE INDEX notification_user_idx ON notification (user_id, id);

-- Grid load figures become a table kept per grid version: a filing adds the load of its new versions
-- (refresh_grid_load(ids)) in its own transaction instead of refreshing the whole city's view.
DROP MATERIALIZED VIEW grid_load;
CREATE TABLE grid_load (
  grid_id     bigint PRIMARY KEY REFERENCES grid(id) ON DELETE CASCADE,
  code        char(15) NOT NULL,
  addresses   int NOT NULL,
  households  int NOT NULL,
  residents   int NOT NULL
);
COMMENT ON TABLE grid_load IS 'Households, residents and addresses per grid version (in force, past or future), from standard addresses; see refresh_grid_load.';

CREATE FUNCTION refresh_grid_load(ids bigint[] DEFAULT NULL) RETURNS void LANGUAGE sql AS $$
  DELETE FROM grid_load WHERE ids IS NULL OR grid_id = ANY (ids);
  INSERT INTO grid_load (grid_id, code, addresses, households, residents)
  SELECT g.id, g.code, count(a.id)::int, coalesce(sum(a.households), 0)::int, coalesce(sum(a.residents), 0)::int
  FROM grid g
  LEFT JOIN standard_address a ON a.geom && g.geom AND ST_Covers(g.geom, a.geom)
  WHERE ids IS NULL OR g.id = ANY (ids)
  GROUP BY g.id, g.code;
$$;
COMMENT ON FUNCTION refresh_grid_load(bigint[]) IS 'Recomputes grid_load for the given grid versions (NULL: all of them).';
SELECT refresh_grid_load();
