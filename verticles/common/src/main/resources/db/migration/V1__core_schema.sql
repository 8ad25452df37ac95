-- rwa-prime core schema: users, the asset registry, model outputs, portfolios, alerts, dead letters.
-- PostgreSQL 15+ (UNIQUE NULLS NOT DISTINCT). gen_random_uuid() is built in since 13; no extension needed.
-- Conventions: TIMESTAMPTZ for every instant; exact NUMERIC for money, prices and quantities
-- (prices NUMERIC(20,8); token quantities NUMERIC(38,18) so that an 18-decimal ERC-20 balance is exact);
-- enumerations are CHECKed text (readable in psql and JSON, extended by a later migration).

-- Keeps updated_at honest whatever client writes the row.
CREATE FUNCTION rwa_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

-- ------------------------------------------------------------------------------------------------ users

CREATE TABLE users (
  user_id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  email               text        NOT NULL
                                  CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
  password_hash       text        NOT NULL,                  -- Argon2id/bcrypt encoded string, never a plain password
  tier                text        NOT NULL DEFAULT 'explorer'
                                  CHECK (tier IN ('explorer', 'professional', 'enterprise', 'admin')),
  role                text        NOT NULL DEFAULT 'user'
                                  CHECK (role IN ('user', 'admin', 'service')),
  totp_secret         text,                                  -- encrypted by the application before it is stored
  totp_enabled        boolean     NOT NULL DEFAULT false,
  totp_last_step      bigint,                                -- last accepted TOTP time step: refuses a replayed code
  email_verified      boolean     NOT NULL DEFAULT false,
  email_verified_at   timestamptz,
  last_login_at       timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_totp_secret_when_enabled CHECK (NOT totp_enabled OR totp_secret IS NOT NULL)
);
-- one account per address whatever its case; look-ups use lower(email) = lower($1)
CREATE UNIQUE INDEX users_email_lower_uq ON users (lower(email));
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION rwa_touch_updated_at();

-- ------------------------------------------------------------------------------------------------ assets

CREATE TABLE assets (
  asset_id                 uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  symbol                   text          NOT NULL UNIQUE CHECK (symbol ~ '^[A-Z0-9][A-Z0-9._-]{0,31}$'),
  name                     text          NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  asset_class              text          NOT NULL CHECK (asset_class IN ('tokenized_treasury', 'private_credit',
                                                         'real_estate', 'commodity', 'tokenized_equity')),
  blockchain_network       text          NOT NULL,         -- primary network, e.g. 'ethereum'
  contract_address         text,                           -- token on the primary network (also in contracts)
  contracts                jsonb         NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contracts) = 'object'),
  issuer_name              text,
  currency                 char(3)       NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  nav                      numeric(20,8) CHECK (nav > 0),
  yield_apy                numeric(9,6)  CHECK (yield_apy > -1 AND yield_apy <= 1),   -- fraction: 0.0375 = 3.75 %
  underlying_asset_details jsonb         NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(underlying_asset_details) = 'object'),
  documents                jsonb         NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(documents) = 'array'),
  active                   boolean       NOT NULL DEFAULT true,
  created_at               timestamptz   NOT NULL DEFAULT now(),
  updated_at               timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX assets_class_idx ON assets (asset_class) WHERE active;
-- wallet sync: which asset is this token contract? (EVM addresses are stored lower case)
CREATE INDEX assets_contract_idx ON assets (lower(contract_address)) WHERE contract_address IS NOT NULL;
CREATE TRIGGER assets_touch BEFORE UPDATE ON assets FOR EACH ROW EXECUTE FUNCTION rwa_touch_updated_at();

-- ------------------------------------------------------------------------------------------------ predictions

CREATE TABLE predictions (
  prediction_id     uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  asset_id          uuid          NOT NULL REFERENCES assets (asset_id) ON DELETE CASCADE,
  model_version     text          NOT NULL,
  forecast_horizon  integer       NOT NULL CHECK (forecast_horizon BETWEEN 1 AND 365),   -- days (7 and 30 today)
  predicted_price   numeric(20,8) NOT NULL CHECK (predicted_price >= 0),
  lower_80          numeric(20,8),
  upper_80          numeric(20,8),
  lower_95          numeric(20,8),
  upper_95          numeric(20,8),
  generated_at      timestamptz   NOT NULL DEFAULT now(),
  details           jsonb         NOT NULL DEFAULT '{}',   -- ensemble weights, backtest metrics, inputs window
  -- nested intervals around the point, where given
  CONSTRAINT predictions_80_brackets CHECK (lower_80 IS NULL OR upper_80 IS NULL
                                            OR (lower_80 <= predicted_price AND predicted_price <= upper_80)),
  CONSTRAINT predictions_95_wider CHECK ((lower_95 IS NULL OR lower_80 IS NULL OR lower_95 <= lower_80)
                                         AND (upper_95 IS NULL OR upper_80 IS NULL OR upper_95 >= upper_80)),
  -- a re-delivered forecast is stored once (writer uses ON CONFLICT DO NOTHING)
  CONSTRAINT predictions_once UNIQUE (asset_id, forecast_horizon, model_version, generated_at)
);
-- latest forecast per asset and horizon
CREATE INDEX predictions_latest_idx ON predictions (asset_id, forecast_horizon, generated_at DESC);

-- ------------------------------------------------------------------------------------------------ risk scores

CREATE TABLE risk_scores (
  score_id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  asset_id          uuid        NOT NULL REFERENCES assets (asset_id) ON DELETE CASCADE,
  composite_score   smallint    NOT NULL CHECK (composite_score BETWEEN 1 AND 100),
  -- sub-scores on the same 1..100 scale; weights 30/25/25/20 today, stored in details
  market_risk       smallint    CHECK (market_risk BETWEEN 1 AND 100),
  credit_risk       smallint    CHECK (credit_risk BETWEEN 1 AND 100),
  regulatory_risk   smallint    CHECK (regulatory_risk BETWEEN 1 AND 100),
  technical_risk    smallint    CHECK (technical_risk BETWEEN 1 AND 100),
  drivers           jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(drivers) = 'array'),
  details           jsonb       NOT NULL DEFAULT '{}',
  model_version     text,
  calculated_at     timestamptz NOT NULL DEFAULT now()
);
-- latest score per asset; unique so that a re-delivered score is stored once
CREATE UNIQUE INDEX risk_scores_asset_time_uq ON risk_scores (asset_id, calculated_at DESC);

-- ------------------------------------------------------------------------------------------------ portfolios

CREATE TABLE portfolios (
  portfolio_id        uuid          PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid          NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  asset_id            uuid          NOT NULL REFERENCES assets (asset_id) ON DELETE RESTRICT,
  quantity            numeric(38,18) NOT NULL CHECK (quantity >= 0),
  avg_purchase_price  numeric(20,8) CHECK (avg_purchase_price >= 0),
  wallet_address      text,                                  -- null: a holding entered by hand
  chain               text,                                  -- network of wallet_address
  created_at          timestamptz   NOT NULL DEFAULT now(),
  updated_at          timestamptz   NOT NULL DEFAULT now(),
  CONSTRAINT portfolios_wallet_chain CHECK (wallet_address IS NULL OR chain IS NOT NULL),
  -- one row per user, asset and wallet; NULLS NOT DISTINCT makes "no wallet" a single manual row too,
  -- so that the wallet sync can upsert with ON CONFLICT ON CONSTRAINT portfolios_holding_uq
  CONSTRAINT portfolios_holding_uq UNIQUE NULLS NOT DISTINCT (user_id, asset_id, wallet_address)
);
CREATE INDEX portfolios_asset_idx ON portfolios (asset_id);
CREATE TRIGGER portfolios_touch BEFORE UPDATE ON portfolios FOR EACH ROW EXECUTE FUNCTION rwa_touch_updated_at();

-- ------------------------------------------------------------------------------------------------ alerts

CREATE TABLE alerts (
  alert_id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id             uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  asset_id            uuid        REFERENCES assets (asset_id) ON DELETE CASCADE,   -- null: portfolio-wide rule
  condition_type      text        NOT NULL CHECK (condition_type ~ '^[a-z][a-z0-9_]{1,63}$'),
  condition_value     jsonb       NOT NULL CHECK (jsonb_typeof(condition_value) = 'object'),
  notification_method text        NOT NULL
                                  CHECK (notification_method IN ('email', 'telegram', 'push', 'webhook', 'in_app')),
  -- every channel to notify (the seed's notification_method is the first one)
  channels            jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(channels) = 'array'),
  cooldown_seconds    integer     NOT NULL DEFAULT 900 CHECK (cooldown_seconds BETWEEN 0 AND 2592000),
  one_shot            boolean     NOT NULL DEFAULT false,   -- completed after its first trigger
  -- active: monitored; triggered: fired, in cooldown; paused: by the user; completed: one-shot fired;
  -- expired: past expires_at
  state               text        NOT NULL DEFAULT 'active'
                                  CHECK (state IN ('active', 'triggered', 'paused', 'completed', 'expired')),
  -- the seed's flag, derived so that it can never disagree with state
  is_active           boolean     GENERATED ALWAYS AS (state IN ('active', 'triggered')) STORED,
  last_triggered_at   timestamptz,
  expires_at          timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
-- rules the evaluator must check for an asset
CREATE INDEX alerts_asset_active_idx ON alerts (asset_id) WHERE state IN ('active', 'triggered');
CREATE INDEX alerts_user_idx ON alerts (user_id);
CREATE INDEX alerts_expiry_idx ON alerts (expires_at) WHERE expires_at IS NOT NULL AND state IN ('active', 'triggered');
CREATE TRIGGER alerts_touch BEFORE UPDATE ON alerts FOR EACH ROW EXECUTE FUNCTION rwa_touch_updated_at();

CREATE TABLE alert_history (
  history_id    bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- deterministic id of one firing (rule + triggering event): a replayed evaluation inserts nothing
  trigger_id    text          NOT NULL UNIQUE,
  alert_id      uuid          REFERENCES alerts (alert_id) ON DELETE SET NULL,   -- history outlives a deleted rule
  user_id       uuid          NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  asset_id      uuid          REFERENCES assets (asset_id) ON DELETE SET NULL,
  observed      numeric(38,18),                            -- the value that met the condition
  triggered_at  timestamptz   NOT NULL,
  payload       jsonb         NOT NULL DEFAULT '{}',
  delivered     jsonb         NOT NULL DEFAULT '{}'         -- channel -> delivery outcome
);
CREATE INDEX alert_history_user_idx ON alert_history (user_id, triggered_at DESC);
CREATE INDEX alert_history_alert_idx ON alert_history (alert_id, triggered_at DESC);

-- ------------------------------------------------------------------------------------------------ dead letters

CREATE TABLE dead_letters (
  id           bigserial   PRIMARY KEY,
  event_id     text        NOT NULL,
  source       text        NOT NULL,
  stage        text        NOT NULL,      -- where it was rejected, e.g. 'cleansing'
  reason_code  text        NOT NULL,      -- machine-readable, e.g. 'negative_price'
  detail       text,
  payload      text,                      -- the input as received (text: it may not be valid JSON)
  rejected_at  timestamptz NOT NULL DEFAULT now(),
  -- the same rejection delivered twice (or by several members) is stored once
  CONSTRAINT dead_letters_once UNIQUE (event_id, stage, reason_code)
);
CREATE INDEX dead_letters_rejected_idx ON dead_letters (rejected_at DESC);
CREATE INDEX dead_letters_reason_idx ON dead_letters (reason_code, rejected_at DESC);
