-- Alerts (issue 8): the outbox between a trigger and its deliveries. A trigger (alert_history, unique trigger_id =
-- rule + triggering event) and one outbox row per channel are written in one transaction; delivery workers claim
-- due rows (FOR UPDATE SKIP LOCKED), deliver, and mark them, retrying with exponential backoff and jitter.

CREATE TABLE alert_outbox (
  trigger_id      text        NOT NULL REFERENCES alert_history (trigger_id) ON DELETE CASCADE,
  channel         text        NOT NULL CHECK (channel IN ('email', 'telegram', 'push', 'webhook', 'in_app')),
  user_id         uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  payload         jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (trigger_id, channel)
);

CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX alert_history_user_time ON alert_history (user_id, triggered_at DESC);
CREATE INDEX alerts_user ON alerts (user_id);
