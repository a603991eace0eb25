-- Department read keys for the open data (OGC API – Features): an administrator of the city issues a key
-- to a department's system with the collections it opens and the restricted fields it may read there
-- (households of an address, a key site's risk level, an incident's description…). Only the key's
-- SHA-256 is stored; a revoked key stops at its next request; every request with a key is counted and
-- logged.
CREATE TABLE department_key (
  id              serial PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name !~ '[[:cntrl:]]'),
  department_code text NOT NULL REFERENCES department(code),
  -- The first characters of the key, shown in lists so that an administrator can tell keys apart.
  key_prefix      text NOT NULL CHECK (length(key_prefix) BETWEEN 4 AND 12),
  key_sha256      bytea NOT NULL UNIQUE CHECK (octet_length(key_sha256) = 32),
  -- The collections whose restricted fields the key may read, and those fields as 'collection.field'.
  collections     text[] NOT NULL CHECK (cardinality(collections) BETWEEN 1 AND 20),
  fields          text[] NOT NULL DEFAULT '{}' CHECK (cardinality(fields) <= 100),
  created_by_id   int REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  last_used_at    timestamptz,
  request_count   bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE department_key IS 'A department system''s read key for the open data (only its hash), with what it opens; revocable.';

CREATE TABLE department_key_use (
  id      bigserial PRIMARY KEY,
  key_id  int NOT NULL REFERENCES department_key(id),
  at      timestamptz NOT NULL,
  -- The path and query asked for (the key itself left out), at most 500 characters.
  request text NOT NULL CHECK (length(request) <= 500),
  status  smallint NOT NULL
);
CREATE INDEX department_key_use_key_idx ON department_key_use (key_id, at DESC);
COMMENT ON TABLE department_key_use IS 'One request made with a department read key: when, what, and the answer''s status.';
