-- Latest rolling features per asset (gold), written by the cleansing role on every closed bar that
-- changes them; history lives in the bars they are computed from.
CREATE TABLE asset_features (
  symbol      text        PRIMARY KEY,
  as_of       timestamptz NOT NULL,
  features    jsonb       NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Per (source, symbol) feed state: last record seen, expected interval and whether it is stale.
CREATE TABLE feed_status (
  source            text        NOT NULL,
  symbol            text        NOT NULL,
  last_event_time   timestamptz,
  last_received_at  timestamptz NOT NULL,
  records           bigint      NOT NULL DEFAULT 0,
  stale             boolean     NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, symbol)
);

CREATE INDEX dead_letters_stage_idx ON dead_letters (stage, id DESC);
