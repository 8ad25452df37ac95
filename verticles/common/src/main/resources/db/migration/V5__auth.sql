-- Accounts and their credentials: rotating refresh-token families, TOTP attempt limits and recovery
-- codes, enterprise API keys, watchlists and the security audit log.

-- TOTP attempts are reserved before a code is checked (see TotpGuard): at most max-failures codes are ever
-- looked at before the account locks, however many requests race.
ALTER TABLE users
  ADD COLUMN totp_failed_attempts integer     NOT NULL DEFAULT 0 CHECK (totp_failed_attempts >= 0),
  ADD COLUMN totp_locked_until    timestamptz,
  -- a pending secret from /auth/2fa/setup, confirmed by /auth/2fa/enable (encrypted like totp_secret)
  ADD COLUMN totp_pending_secret  text,
  ADD COLUMN disabled_at          timestamptz;

-- ------------------------------------------------------------------------------------------------ refresh tokens

-- An opaque refresh token is "<token_id>.<secret>"; only SHA-256(secret) is stored. Each use spends the token
-- and issues a successor in the same family; presenting a spent token again revokes the whole family
-- (RFC 9700 §4.14.2).
CREATE TABLE refresh_tokens (
  token_id     uuid        PRIMARY KEY,
  family_id    uuid        NOT NULL,
  user_id      uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  secret_hash  bytea       NOT NULL,
  issued_at    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  spent_at     timestamptz,
  revoked_at   timestamptz,
  revoked_why  text
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expiry_idx ON refresh_tokens (expires_at);

-- ------------------------------------------------------------------------------------------------ recovery codes

CREATE TABLE recovery_codes (
  user_id    uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  code_hash  bytea       NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- ------------------------------------------------------------------------------------------------ API keys

-- A key is "rwa_<key_id hex>_<secret>", shown once; only SHA-256(secret) is stored.
CREATE TABLE api_keys (
  key_id       uuid        PRIMARY KEY,
  user_id      uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  secret_hash  bytea       NOT NULL,
  scopes       text[]      NOT NULL CHECK (scopes <@ ARRAY['market_data', 'portfolio', 'alerts']::text[]
                                           AND cardinality(scopes) > 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id, created_at DESC);

-- ------------------------------------------------------------------------------------------------ watchlists

CREATE TABLE watchlist_items (
  user_id    uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  asset_id   uuid        NOT NULL REFERENCES assets (asset_id) ON DELETE CASCADE,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, asset_id)
);

-- ------------------------------------------------------------------------------------------------ audit log

-- Security-relevant actions (logins, 2FA changes, token reuse, key changes, admin actions). user_id is kept
-- as plain uuid without a foreign key so that the trail outlives a deleted account.
CREATE TABLE audit_log (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  user_id     uuid,
  actor_id    uuid,
  action      text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{1,63}$'),
  ip          text,
  request_id  text,
  details     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, occurred_at DESC);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at DESC);
