-- Users, their roles over jurisdictions, sign-in sessions and the security log.
-- Who may see and do what is decided on the server from these rows (server/auth/policy.ts); the
-- browser never names its own user.

CREATE TABLE app_user (
  id                    serial PRIMARY KEY,
  -- Sign-in name: lower-case letters, digits, '-', '_' and '.', as the demo accounts ('street-hongshan').
  username              text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  -- scrypt, with its parameters (server/auth/passwords.ts): 'scrypt$N$r$p$salt$hash'.
  password_hash         text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  -- Set by an administrator's reset: the user must choose a new password before doing anything else.
  must_change_password  boolean NOT NULL DEFAULT false,
  -- A disabled user cannot sign in and their sessions end; re-enabling clears it.
  disabled_at           timestamptz,
  -- Consecutive failed sign-ins; at the limit the account is locked until locked_until.
  failed_sign_ins       int NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  locked_until          timestamptz,
  -- An account the demo city created that still has the demo password (the sign-in page offers it in
  -- one click); cleared when its password changes. Never set for real users.
  demo                  boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  updated_at            timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- Optimistic concurrency for the administrator's page: two administrators never overwrite each other.
  version               int NOT NULL DEFAULT 1 CHECK (version >= 1)
);
COMMENT ON TABLE app_user IS 'A person who signs in: government staff, grid workers, department readers, administrators.';

-- One (role, jurisdiction) pair of a user. The jurisdiction is the city, a district or a street; a grid
-- worker's is their own grids, named through the worker record.
CREATE TABLE user_grant (
  id           serial PRIMARY KEY,
  user_id      int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role         text NOT NULL CHECK (role IN ('street_editor', 'district_reviewer', 'city_filer', 'command_operator',
                                              'planner', 'grid_worker', 'department_reader', 'administrator')),
  level        text NOT NULL CHECK (level IN ('city', 'district', 'street')),
  city_id      int REFERENCES city(id),
  district_id  int REFERENCES district(id),
  street_id    int REFERENCES street(id),
  -- The grid worker record whose grids a 'grid_worker' grant covers.
  worker_id    int REFERENCES grid_worker(id),
  -- What a department reader may read, besides the shared map (server/auth/policy.ts DATA_LAYERS).
  layers       text[] CHECK (layers <@ ARRAY['addresses', 'key_sites', 'incidents']::text[]),
  CHECK ((level = 'city') = (city_id IS NOT NULL)),
  CHECK ((level = 'district') = (district_id IS NOT NULL)),
  CHECK ((level = 'street') = (street_id IS NOT NULL)),
  CHECK ((role = 'grid_worker') = (worker_id IS NOT NULL)),
  CHECK ((role = 'department_reader') = (layers IS NOT NULL)),
  -- Which levels each role is held at: editors and workers by street, reviewers by district, filers by city.
  CHECK (CASE role
           WHEN 'street_editor' THEN level = 'street'
           WHEN 'grid_worker' THEN level = 'street'
           WHEN 'district_reviewer' THEN level = 'district'
           WHEN 'city_filer' THEN level = 'city'
           ELSE true
         END)
);
COMMENT ON TABLE user_grant IS 'A role a user holds over a jurisdiction (city, district or street).';
CREATE UNIQUE INDEX user_grant_unique_idx
  ON user_grant (user_id, role, level, coalesce(city_id, 0), coalesce(district_id, 0), coalesce(street_id, 0));
CREATE INDEX user_grant_user_idx ON user_grant (user_id);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- table signs nobody in.
CREATE TABLE user_session (
  id            bigserial PRIMARY KEY,
  token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  user_id       int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- Refreshed at most once a minute by requests; the idle timeout counts from it.
  last_seen_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
  -- The absolute end, whatever the activity.
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  end_reason    text CHECK (end_reason IN ('signed_out', 'disabled', 'password_changed', 'password_reset')),
  address       text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT '',
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
COMMENT ON TABLE user_session IS 'A sign-in session; valid while not ended, before expires_at and within the idle timeout of last_seen_at.';
CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE ended_at IS NULL;

-- Append-only: sign-ins (and failures), sign-outs, denials and every administrator's change.
CREATE TABLE security_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- Who acted (NULL for a failed sign-in of an unknown name); the name is kept as it was then.
  user_id     int REFERENCES app_user(id),
  username    text NOT NULL DEFAULT '',
  -- 'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_limited', 'sign_out', 'denied', 'password_changed',
  -- 'user_created', 'user_disabled', 'user_enabled', 'grants_changed', 'password_reset', 'user_updated'.
  action      text NOT NULL CHECK (action ~ '^[a-z_]+$'),
  -- What it was about: a procedure or route, or the user an administrator changed.
  target      text NOT NULL DEFAULT '',
  -- Why (a denial's reason code, a failure's cause).
  reason      text NOT NULL DEFAULT '',
  address     text NOT NULL DEFAULT '',
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
COMMENT ON TABLE security_log IS 'Append-only log of sign-ins, sign-outs, denials and user administration.';
CREATE INDEX security_log_at_idx ON security_log (at);
-- The per-address sign-in limit counts recent failures from one address.
CREATE INDEX security_log_failures_idx ON security_log (address, at) WHERE action = 'sign_in_failed';

CREATE FUNCTION security_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'security_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER security_log_no_update BEFORE UPDATE OR DELETE ON security_log
  FOR EACH ROW EXECUTE FUNCTION security_log_is_append_only();
CREATE TRIGGER security_log_no_truncate BEFORE TRUNCATE ON security_log
  FOR EACH STATEMENT EXECUTE FUNCTION security_log_is_append_only();
-- Roles other than the owner (a reporting account, a replica's reader) may only read and add.
REVOKE UPDATE, DELETE, TRUNCATE ON security_log FROM PUBLIC;

-- Drafts now name their author by user; the text column stays for drafts made before users existed.
ALTER TABLE grid_draft ADD COLUMN author_id int REFERENCES app_user(id);
ALTER TABLE grid_draft_edit ADD COLUMN author_id int REFERENCES app_user(id);
