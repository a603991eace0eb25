-- The change feed for partner systems (webhooks): a department's system, known by its department key
-- (0020), subscribes a URL to changes (grids filed, incidents changing state). Each change is written to
-- an outbox in the same transaction as the change itself, with one delivery per subscription that may
-- read it; a dispatcher outside any request POSTs them, signed, retried with back-off, every attempt
-- logged. A revoked key or a disabled subscription is sent nothing more.
CREATE TABLE webhook_subscription (
  id                serial PRIMARY KEY,
  -- The department's identity: what it may read decides what it is sent.
  department_key_id int NOT NULL REFERENCES department_key(id),
  url               text NOT NULL CHECK (length(url) BETWEEN 10 AND 2000 AND url ~ '^https?://'),
  -- Kept in clear, unlike the read keys: signing (HMAC-SHA256) needs the secret itself, not its hash.
  secret            text NOT NULL CHECK (length(secret) BETWEEN 24 AND 200),
  -- The first characters of the secret, so that an administrator and a receiver can tell secrets apart.
  secret_prefix     text NOT NULL CHECK (length(secret_prefix) BETWEEN 4 AND 16),
  events            text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 10 AND events <@ ARRAY['grids.filed', 'incident.state_changed']),
  created_by_id     int REFERENCES app_user(id),
  created_at        timestamptz NOT NULL,
  disabled_at       timestamptz
);
CREATE INDEX webhook_subscription_key_idx ON webhook_subscription (department_key_id);
COMMENT ON TABLE webhook_subscription IS 'A department system''s URL subscribed to changes (webhook), under its department key; disabled, never deleted.';

-- The outbox. Written only when a live subscription wants the change (nobody subscribed: no row).
CREATE TABLE change_event (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('grids.filed', 'incident.state_changed', 'webhook.test')),
  occurred_at timestamptz NOT NULL,
  -- The public fields, and under "restricted" the restricted ones ('collection.field'); each delivery
  -- carries only those its key opens.
  payload     jsonb NOT NULL
);
COMMENT ON TABLE change_event IS 'A change partner systems may be told of (the outbox), written in the same transaction as the change.';

CREATE TABLE webhook_delivery (
  id              bigserial PRIMARY KEY,
  subscription_id int NOT NULL REFERENCES webhook_subscription(id),
  change_event_id bigint NOT NULL REFERENCES change_event(id),
  -- cancelled: the key was revoked or the subscription disabled before it was sent.
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
  attempts        smallint NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When it is next due; a claimed delivery is pushed ahead by a lease, so that a dispatcher that died
  -- mid-attempt leaves it to be tried again, not lost.
  next_attempt_at timestamptz NOT NULL,
  last_status     smallint,
  last_error      text CHECK (length(last_error) <= 500),
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  UNIQUE (subscription_id, change_event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, id DESC);
COMMENT ON TABLE webhook_delivery IS 'One change to send to one subscription: pending, delivered, dead (attempts exhausted) or cancelled.';

CREATE TABLE webhook_attempt (
  id          bigserial PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES webhook_delivery(id),
  at          timestamptz NOT NULL,
  duration_ms int NOT NULL CHECK (duration_ms >= 0),
  -- The receiver's HTTP status; none when it never answered (refused, timed out).
  status_code smallint,
  error       text CHECK (length(error) <= 500)
);
CREATE INDEX webhook_attempt_delivery_idx ON webhook_attempt (delivery_id, id);
COMMENT ON TABLE webhook_attempt IS 'One POST of a webhook delivery: when, how long, the status or the error.';
