-- Single-use tokens mailed to a user: e-mail address verification and password reset. Only SHA-256 of the
-- token is stored; a token is spent by one conditional UPDATE.
CREATE TABLE email_tokens (
  token_hash  bytea       PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  purpose     text        NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);
