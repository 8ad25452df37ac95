-- Alerts (issue 8): where a user's outside channels deliver. One row per Telegram chat, webhook, or push
-- registration (FCM token, APNs device token, Web Push subscription); a destination the provider rejects for good
-- (revoked token, blocked bot, gone subscription) is disabled with its reason (pruned).

CREATE TABLE notification_destinations (
  destination_id   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id          uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  -- the provider; a rule's channel 'push' delivers to every fcm, apns and webpush destination
  kind             text        NOT NULL CHECK (kind IN ('telegram', 'webhook', 'fcm', 'apns', 'webpush')),
  destination      jsonb       NOT NULL CHECK (jsonb_typeof(destination) = 'object'),
  -- the token, chat id, URL or endpoint: one registration per user and thing
  dedupe_key       text        NOT NULL,
  label            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_success_at  timestamptz,
  failures         integer     NOT NULL DEFAULT 0,
  disabled_at      timestamptz,
  disabled_reason  text,
  UNIQUE (user_id, kind, dedupe_key)
);

CREATE INDEX notification_destinations_user ON notification_destinations (user_id) WHERE disabled_at IS NULL;

-- per destination outcome of one outbox row, so a retry skips the destinations already served
ALTER TABLE alert_outbox ADD COLUMN results jsonb NOT NULL DEFAULT '{}';

-- flood control: a user's firings beyond alerts.flood-limit per minute reach the dashboard at once but the other
-- channels only in one digest per minute; digested marks them, digest_trigger names the digest that carried them
ALTER TABLE alert_history ADD COLUMN digested boolean NOT NULL DEFAULT false;
ALTER TABLE alert_history ADD COLUMN digest_channels text[];
ALTER TABLE alert_history ADD COLUMN digest_trigger text;
CREATE INDEX alert_history_digest_due ON alert_history (user_id) WHERE digested AND digest_trigger IS NULL;
