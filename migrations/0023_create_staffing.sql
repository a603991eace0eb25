-- Staffing (队伍管理): where a worker came from, the stages of their service (录用、培训、上岗、考核、退出)
-- as an append-only history, and who assigned or ended each grid assignment.
--
-- Employment stays full_time / part_time (the subsidy and the supervision counts depend on it); the
-- source of the worker (社区干部兼任, 社工转任, 公开招录) is a second, independent column: a community cadre
-- may serve part-time or move to full-time, an open recruit is usually full-time, but neither follows.

ALTER TABLE grid_worker
  ADD COLUMN recruitment_source text
    CHECK (recruitment_source IN ('community_cadre', 'social_worker_transfer', 'open_recruitment'));
COMMENT ON COLUMN grid_worker.recruitment_source IS
  'Where the worker came from: community_cadre (社区干部兼任), social_worker_transfer (社工转任), open_recruitment (公开招录); NULL when not recorded.';

-- One row per change, never updated or deleted: the worker's stage at t is the to_stage of their last
-- stage event at or before t (SQL: worker_stages_at below; the moves allowed: geo/staffing/worker-stages.ts).
-- Assessments (考核, each period) are events on the same record rather than a stage: an assessed worker
-- stays on duty, and a result is read beside the stage, not instead of it.
CREATE TABLE worker_stage_event (
  id           bigserial PRIMARY KEY,
  worker_id    int NOT NULL REFERENCES grid_worker(id),
  kind         text NOT NULL CHECK (kind IN ('stage', 'assessment')),
  -- A stage event: from (NULL for the first, the recruitment) and to.
  from_stage   text CHECK (from_stage IN ('recruited', 'in_training', 'on_duty', 'leaving', 'left')),
  to_stage     text CHECK (to_stage IN ('recruited', 'in_training', 'on_duty', 'leaving', 'left')),
  -- Moving to leaving or left: why (geo/staffing/worker-stages.ts LEAVING_REASONS).
  leaving_reason text CHECK (leaving_reason ~ '^[a-z_]+$'),
  -- An assessment: the period ('2026' for a year, '2026-H1', '2026-Q3') and its result.
  period       text CHECK (period ~ '^[0-9]{4}(-(H[12]|Q[1-4]))?$'),
  result       text CHECK (result IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  at           timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- Who recorded it (NULL for the rows of the demo seed and of data loaded before users existed).
  by_user      int REFERENCES app_user(id),
  note         text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  CHECK (kind <> 'stage' OR (to_stage IS NOT NULL AND period IS NULL AND result IS NULL)),
  CHECK (kind <> 'assessment' OR (period IS NOT NULL AND result IS NOT NULL AND from_stage IS NULL AND to_stage IS NULL AND leaving_reason IS NULL)),
  CHECK ((leaving_reason IS NOT NULL) = (kind = 'stage' AND to_stage IN ('leaving', 'left')))
);
COMMENT ON TABLE worker_stage_event IS
  'Append-only history of a grid worker: stage changes (recruited, in_training, on_duty, leaving, left) with the reason for leaving, and each period''s assessment.';
CREATE INDEX worker_stage_event_worker_idx ON worker_stage_event (worker_id, at, id);
-- One assessment of a worker per period (a correction is a note of the next period, not a second result).
CREATE UNIQUE INDEX worker_stage_event_assessment_idx ON worker_stage_event (worker_id, period) WHERE kind = 'assessment';

CREATE FUNCTION worker_stage_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'worker_stage_event is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER worker_stage_event_no_update BEFORE UPDATE OR DELETE ON worker_stage_event
  FOR EACH ROW EXECUTE FUNCTION worker_stage_event_is_append_only();
CREATE TRIGGER worker_stage_event_no_truncate BEFORE TRUNCATE ON worker_stage_event
  FOR EACH STATEMENT EXECUTE FUNCTION worker_stage_event_is_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON worker_stage_event FROM PUBLIC;

-- The stage of every worker at t: the last stage event at or before t. A worker with no stage event at
-- all predates the register (0004 recorded only workers in post): on duty. A worker whose first event is
-- after t was not yet recruited then: NULL. One definition, read by the staffing service and its figures.
CREATE FUNCTION worker_stages_at(t timestamptz) RETURNS TABLE (worker_id int, stage text, since timestamptz)
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT w.id,
           CASE WHEN e.to_stage IS NOT NULL THEN e.to_stage
                WHEN EXISTS (SELECT 1 FROM worker_stage_event x WHERE x.worker_id = w.id AND x.kind = 'stage') THEN NULL
                ELSE 'on_duty' END,
           e.at
      FROM grid_worker w
      LEFT JOIN LATERAL (
        SELECT s.to_stage, s.at FROM worker_stage_event s
         WHERE s.worker_id = w.id AND s.kind = 'stage' AND s.at <= t
         ORDER BY s.at DESC, s.id DESC LIMIT 1
      ) e ON true
  $$;
COMMENT ON FUNCTION worker_stages_at(timestamptz) IS
  'The stage of every grid worker at t (last stage event at or before t; on_duty for a worker with no history; NULL before the first event).';

-- Who made and who ended an assignment (the service records both; NULL for seeded and older rows).
ALTER TABLE grid_assignment
  ADD COLUMN assigned_by int REFERENCES app_user(id),
  ADD COLUMN ended_by int REFERENCES app_user(id);
COMMENT ON COLUMN grid_assignment.assigned_by IS 'The user who assigned the worker to the grid (NULL: seeded or loaded before the staffing register).';
COMMENT ON COLUMN grid_assignment.ended_by IS 'The user who ended the assignment, setting valid_to (NULL while in force, or ended by the seed).';
