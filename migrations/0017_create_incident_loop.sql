-- The closed incident loop (发现采集、扫码定责、智能派单、处理反馈、考核评估): categories as data with the
-- department that handles each and the time limit of each stage, the loop's events (append-only), photos,
-- dispatch assignments (at most one live per case), and the keys of partner systems (Open311).
-- The states and their rules live in geo/incidents/incident-states.ts.

-- The departments that handle cases (职能部门).
CREATE TABLE department (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh  text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
  name_en  text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80)
);
COMMENT ON TABLE department IS 'A functional department that handles incidents of its categories.';

-- A category of case (事部件分类): its department, its workload weight and a time limit per stage, in
-- minutes: accept (上报→立案), dispatch (立案→派遣), handle (派遣→处置完毕: the case''s time limit),
-- verify (→核查), close (→结案). An administrator edits them; every change is versioned.
CREATE TABLE incident_category (
  code                    text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  class                   text NOT NULL CHECK (class IN ('component', 'event')),
  name_zh                 text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 60),
  name_en                 text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
  department_code         text NOT NULL REFERENCES department(code),
  accept_limit_minutes    int NOT NULL CHECK (accept_limit_minutes BETWEEN 1 AND 525600),
  dispatch_limit_minutes  int NOT NULL CHECK (dispatch_limit_minutes BETWEEN 1 AND 525600),
  handle_limit_minutes    int NOT NULL CHECK (handle_limit_minutes BETWEEN 1 AND 525600),
  verify_limit_minutes    int NOT NULL CHECK (verify_limit_minutes BETWEEN 1 AND 525600),
  close_limit_minutes     int NOT NULL CHECK (close_limit_minutes BETWEEN 1 AND 525600),
  -- The share of a worker's day a case of this category takes, relative to the others.
  workload_weight         numeric(5, 2) NOT NULL CHECK (workload_weight > 0 AND workload_weight <= 100),
  active                  boolean NOT NULL DEFAULT true,
  version                 int NOT NULL DEFAULT 1,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  updated_by_id           int REFERENCES app_user(id)
);
COMMENT ON TABLE incident_category IS 'A category of incident: its handling department, workload weight and per-stage time limits (minutes).';

-- The city's starting catalogue, after the 数字城管 部件/事件 classes; a city edits it as settings.
INSERT INTO department (code, name_zh, name_en) VALUES
  ('municipal', '市政设施管理处', 'Municipal facilities'),
  ('urban_management', '城市管理局', 'Urban management'),
  ('traffic_police', '公安交警', 'Traffic police'),
  ('fire_rescue', '消防救援', 'Fire and rescue'),
  ('landscaping', '园林绿化局', 'Parks and greenery'),
  ('justice', '司法所（人民调解）', 'Mediation office'),
  ('emergency', '应急管理局', 'Emergency management'),
  ('environment', '生态环境局', 'Ecology and environment'),
  ('civil_affairs', '民政局', 'Civil affairs'),
  ('police', '公安派出所', 'Police station');

INSERT INTO incident_category
  (code, class, name_zh, name_en, department_code, accept_limit_minutes, dispatch_limit_minutes, handle_limit_minutes, verify_limit_minutes, close_limit_minutes, workload_weight)
VALUES
  ('manhole_cover', 'component', '井盖', 'Manhole cover', 'municipal', 30, 30, 240, 240, 1440, 1.0),
  ('street_lamp', 'component', '路灯', 'Street lamp', 'municipal', 120, 120, 2880, 1440, 1440, 0.5),
  ('traffic_sign', 'component', '交通标志', 'Traffic sign', 'traffic_police', 120, 120, 4320, 1440, 1440, 0.5),
  ('fire_hydrant', 'component', '消火栓', 'Fire hydrant', 'fire_rescue', 60, 60, 1440, 720, 1440, 1.0),
  ('public_toilet', 'component', '公厕', 'Public toilet', 'urban_management', 120, 120, 1440, 1440, 1440, 0.5),
  ('greenery', 'component', '绿化', 'Greenery', 'landscaping', 120, 120, 4320, 1440, 1440, 0.5),
  ('dispute', 'event', '矛盾纠纷', 'Dispute', 'justice', 60, 120, 4320, 1440, 1440, 2.0),
  ('safety_hazard', 'event', '安全隐患', 'Safety hazard', 'emergency', 30, 30, 1440, 240, 1440, 1.5),
  ('city_appearance', 'event', '市容环境', 'City appearance', 'urban_management', 120, 120, 1440, 1440, 1440, 1.0),
  ('illegal_construction', 'event', '违法建设', 'Illegal construction', 'urban_management', 240, 240, 10080, 2880, 2880, 2.0),
  ('environment', 'event', '环境污染', 'Pollution', 'environment', 120, 120, 2880, 1440, 1440, 1.5),
  ('livelihood', 'event', '民生服务', 'Residents'' services', 'civil_affairs', 120, 240, 7200, 1440, 1440, 1.0),
  ('traffic', 'event', '道路交通', 'Road traffic', 'traffic_police', 60, 60, 1440, 720, 1440, 1.0),
  ('public_order', 'event', '治安', 'Public order', 'police', 30, 30, 1440, 720, 1440, 1.5);

ALTER TABLE incident ADD CONSTRAINT incident_category_fk FOREIGN KEY (category) REFERENCES incident_category(code);
CREATE INDEX incident_category_idx ON incident (category);

-- Partner systems that file cases over Open311 (12345 hotline, a district's app): an administrator issues
-- a key; only its SHA-256 is stored, and a revoked key stops at once.
CREATE TABLE partner_key (
  id            serial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name !~ '[[:cntrl:]]'),
  -- The first characters of the key, shown in lists so that an administrator can tell keys apart.
  key_prefix    text NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 12),
  key_sha256    bytea NOT NULL UNIQUE CHECK (octet_length(key_sha256) = 32),
  created_by_id int REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  request_count bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE partner_key IS 'An Open311 API key of a partner system (only its hash), revocable.';

ALTER TABLE grid_worker
  -- On duty (在岗): set from the worker's phone page (and by the demo's simulator); dispatch prefers them.
  ADD COLUMN on_duty boolean NOT NULL DEFAULT true,
  ADD COLUMN on_duty_since timestamptz;

ALTER TABLE incident
  ADD COLUMN severity            smallint NOT NULL DEFAULT 2 CHECK (severity BETWEEN 1 AND 4),
  -- Where the report was bound: a standard address or key site (scan to report), else only a point.
  ADD COLUMN address_id          bigint REFERENCES standard_address(id),
  ADD COLUMN key_site_id         int REFERENCES key_site(id),
  ADD COLUMN address_text        text NOT NULL DEFAULT '' CHECK (length(address_text) <= 300),
  -- Personal data of the reporter (shown only to roles that need it).
  ADD COLUMN reporter_name       text NOT NULL DEFAULT '' CHECK (length(reporter_name) <= 60),
  ADD COLUMN reporter_phone      text NOT NULL DEFAULT '' CHECK (reporter_phone ~ '^[0-9+() -]{0,30}$'),
  ADD COLUMN reported_by_id      int REFERENCES app_user(id),
  ADD COLUMN partner_key_id      int REFERENCES partner_key(id),
  -- The partner's own reference (Open311 account_id / device_id), to answer its look-ups.
  ADD COLUMN partner_reference   text NOT NULL DEFAULT '' CHECK (length(partner_reference) <= 100),
  -- The grid's worker when the case was reported: who verifies on site (核查).
  ADD COLUMN grid_worker_id      int REFERENCES grid_worker(id),
  ADD COLUMN department_code     text REFERENCES department(code),
  ADD COLUMN handling_at         timestamptz,
  ADD COLUMN evaluated_at        timestamptz,
  -- When the current stage's time limit runs out (NULL when the case is over).
  ADD COLUMN stage_due_at        timestamptz,
  -- 督办: how many times the case was escalated, and the stage deadline last escalated (once per stage).
  ADD COLUMN escalation_level    smallint NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  ADD COLUMN escalated_due_at    timestamptz,
  ADD COLUMN not_accepted_reason text NOT NULL DEFAULT '' CHECK (length(not_accepted_reason) <= 2000),
  -- Failed verifications (sent back to dispatch): a re-opened case.
  ADD COLUMN reopened_count      smallint NOT NULL DEFAULT 0 CHECK (reopened_count >= 0),
  ADD COLUMN evaluation          smallint CHECK (evaluation BETWEEN 1 AND 5),
  ADD COLUMN version             int NOT NULL DEFAULT 1,
  ADD COLUMN updated_at          timestamptz;
ALTER TABLE incident ADD CONSTRAINT incident_description_length CHECK (length(description) <= 4000);
ALTER TABLE incident DROP CONSTRAINT incident_source_check;
ALTER TABLE incident ADD CONSTRAINT incident_source_check CHECK (source IN ('patrol', 'hotline', 'public_scan', 'video', 'assigned', 'partner'));

-- Cases of the demo city loaded before this migration: the stage deadline from the state they are in.
UPDATE incident i SET
  department_code = c.department_code,
  stage_due_at = CASE i.status
    WHEN 'reported' THEN i.reported_at + make_interval(mins => c.accept_limit_minutes)
    WHEN 'accepted' THEN i.accepted_at + make_interval(mins => c.dispatch_limit_minutes)
    WHEN 'dispatched' THEN i.due_at
    WHEN 'handling' THEN i.due_at
    WHEN 'handled' THEN i.handled_at + make_interval(mins => c.verify_limit_minutes)
    WHEN 'verified' THEN i.verified_at + make_interval(mins => c.close_limit_minutes)
  END
FROM incident_category c WHERE c.code = i.category;
UPDATE incident SET escalated_due_at = stage_due_at, escalation_level = 1 WHERE escalated;

CREATE INDEX incident_stage_due_idx ON incident (stage_due_at) WHERE stage_due_at IS NOT NULL;
CREATE INDEX incident_address_idx ON incident (address_id) WHERE address_id IS NOT NULL;

-- Who handles a dispatched case: a worker (the grid's, or the nearest available one) for the department
-- of its category. At most one live assignment per case: 20 dispatches at once end with one.
CREATE TABLE incident_assignment (
  id              bigserial PRIMARY KEY,
  incident_id     bigint NOT NULL REFERENCES incident(id),
  worker_id       int REFERENCES grid_worker(id),
  department_code text NOT NULL REFERENCES department(code),
  assigned_at     timestamptz NOT NULL,
  assigned_by_id  int REFERENCES app_user(id),
  -- Which dispatch rule suggested the handler, and the operator's reason when another was chosen.
  rule            text NOT NULL CHECK (rule IN ('grid_worker', 'nearest_available', 'department', 'override')),
  reason          text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  ended_at        timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= assigned_at)
);
COMMENT ON TABLE incident_assignment IS 'Who handles a dispatched incident (a worker and the department), by which dispatch rule and why; at most one live per incident.';
CREATE UNIQUE INDEX incident_assignment_live_idx ON incident_assignment (incident_id) WHERE ended_at IS NULL;
CREATE INDEX incident_assignment_worker_idx ON incident_assignment (worker_id) WHERE ended_at IS NULL;

-- Every event of a case: who, when, what. Nobody may change or remove one.
CREATE TABLE incident_event (
  id            bigserial PRIMARY KEY,
  incident_id   bigint NOT NULL REFERENCES incident(id),
  at            timestamptz NOT NULL,
  action        text NOT NULL CHECK (action ~ '^[a-z_]{2,40}$'),
  from_status   text,
  to_status     text,
  -- Who: an account, a partner system, the public (a scanned code) or the system (the scheduler).
  actor_kind    text NOT NULL CHECK (actor_kind IN ('user', 'partner', 'public', 'system')),
  actor_id      int,
  actor_name    text NOT NULL DEFAULT '',
  note          text NOT NULL DEFAULT '' CHECK (length(note) <= 4000),
  detail        jsonb NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE incident_event IS 'The append-only history of an incident: every report, move, dispatch, escalation and evaluation.';
CREATE INDEX incident_event_incident_idx ON incident_event (incident_id, id);
CREATE INDEX incident_event_at_idx ON incident_event (at);
CREATE TRIGGER incident_event_no_update BEFORE UPDATE OR DELETE ON incident_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_log();
CREATE TRIGGER incident_event_no_truncate BEFORE TRUNCATE ON incident_event
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_log();
REVOKE UPDATE, DELETE, TRUNCATE ON incident_event FROM PUBLIC;

-- Photos stored by the app (in the database, outside the web root), served only to those allowed.
-- Uploaded first by their owner, then attached to a report or a step of a case.
CREATE TABLE incident_photo (
  id            bigserial PRIMARY KEY,
  incident_id   bigint REFERENCES incident(id),
  event_id      bigint REFERENCES incident_event(id),
  uploaded_by_id int REFERENCES app_user(id),
  uploaded_at   timestamptz NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes         bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  width         int NOT NULL CHECK (width > 0),
  height        int NOT NULL CHECK (height > 0)
);
COMMENT ON TABLE incident_photo IS 'A photo of an incident step (or a patrol log), checked and re-encoded by the app, served only to those allowed.';
CREATE INDEX incident_photo_incident_idx ON incident_photo (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX incident_photo_unattached_idx ON incident_photo (uploaded_by_id, uploaded_at) WHERE incident_id IS NULL;
