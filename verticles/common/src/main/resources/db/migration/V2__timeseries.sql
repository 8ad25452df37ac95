-- rwa-prime time series: ticks, OHLCV bars, on-chain metrics, macro points, sentiment.
-- Every table is RANGE-partitioned by its time column into monthly partitions named <table>_yYYYYmMM, created
-- ahead of time by rwa_ensure_partitions() (the application calls it at start-up and every few hours). Each
-- table also has a DEFAULT partition, so an insert never fails for want of a partition: a row from a month
-- that has none yet (a replay of old data, a clock far off) lands there and is moved into its month's
-- partition when that partition is created.
-- Symbols are the catalogue's text keys rather than asset_id foreign keys: a write never waits on the
-- registry, and partitioned tables stay free of cross-table constraints.
-- Prices and volumes are unconstrained NUMERIC: exact, and stored with the scale the writer gives.

-- ------------------------------------------------------------------------------------------------ ticks

CREATE TABLE ticks (
  symbol       text        NOT NULL,
  source       text        NOT NULL,          -- 'simulator', a provider name, 'csv-replay'…
  event_time   timestamptz NOT NULL,          -- when the source says it happened
  seq          bigint      NOT NULL,          -- per symbol and source, increasing
  price        numeric     NOT NULL CHECK (price > 0),
  volume       numeric     NOT NULL CHECK (volume >= 0),
  currency     char(3)     NOT NULL DEFAULT 'USD',
  received_at  timestamptz NOT NULL DEFAULT now(),
  event_id     text,                          -- id of the raw record it was cleaned from
  -- idempotent writes: a replayed tick is the same key (INSERT … ON CONFLICT DO NOTHING)
  PRIMARY KEY (symbol, source, event_time, seq)
) PARTITION BY RANGE (event_time);
CREATE TABLE ticks_default PARTITION OF ticks DEFAULT;
-- latest ticks of a symbol over all sources, and time-range scans by symbol
CREATE INDEX ticks_symbol_time_idx ON ticks (symbol, event_time DESC, seq DESC);

-- ------------------------------------------------------------------------------------------------ bars
-- One table per interval. A bar is keyed by its symbol and open time; a late tick revises it, and the writer
-- upserts with ... ON CONFLICT (symbol, open_time) DO UPDATE ... WHERE bars_x.revision < EXCLUDED.revision,
-- so a redelivered older revision changes nothing. The primary key serves both "latest bar of a symbol"
-- (backward scan) and range scans by symbol and time.

CREATE TABLE bars_1m (
  symbol         text        NOT NULL,
  open_time      timestamptz NOT NULL,
  open           numeric     NOT NULL,
  high           numeric     NOT NULL,
  low            numeric     NOT NULL,
  close          numeric     NOT NULL,
  volume         numeric     NOT NULL DEFAULT 0 CHECK (volume >= 0),
  vwap           numeric,
  tick_count     bigint      NOT NULL DEFAULT 0 CHECK (tick_count >= 0),
  revision       integer     NOT NULL DEFAULT 0 CHECK (revision >= 0),
  source_spread  numeric,                     -- max relative disagreement between sources in the bar, if several
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (low > 0 AND low <= open AND low <= close AND high >= open AND high >= close),
  PRIMARY KEY (symbol, open_time)
) PARTITION BY RANGE (open_time);
CREATE TABLE bars_1m_default PARTITION OF bars_1m DEFAULT;

CREATE TABLE bars_5m (
  symbol         text        NOT NULL,
  open_time      timestamptz NOT NULL,
  open           numeric     NOT NULL,
  high           numeric     NOT NULL,
  low            numeric     NOT NULL,
  close          numeric     NOT NULL,
  volume         numeric     NOT NULL DEFAULT 0 CHECK (volume >= 0),
  vwap           numeric,
  tick_count     bigint      NOT NULL DEFAULT 0 CHECK (tick_count >= 0),
  revision       integer     NOT NULL DEFAULT 0 CHECK (revision >= 0),
  source_spread  numeric,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (low > 0 AND low <= open AND low <= close AND high >= open AND high >= close),
  PRIMARY KEY (symbol, open_time)
) PARTITION BY RANGE (open_time);
CREATE TABLE bars_5m_default PARTITION OF bars_5m DEFAULT;

CREATE TABLE bars_1h (
  symbol         text        NOT NULL,
  open_time      timestamptz NOT NULL,
  open           numeric     NOT NULL,
  high           numeric     NOT NULL,
  low            numeric     NOT NULL,
  close          numeric     NOT NULL,
  volume         numeric     NOT NULL DEFAULT 0 CHECK (volume >= 0),
  vwap           numeric,
  tick_count     bigint      NOT NULL DEFAULT 0 CHECK (tick_count >= 0),
  revision       integer     NOT NULL DEFAULT 0 CHECK (revision >= 0),
  source_spread  numeric,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (low > 0 AND low <= open AND low <= close AND high >= open AND high >= close),
  PRIMARY KEY (symbol, open_time)
) PARTITION BY RANGE (open_time);
CREATE TABLE bars_1h_default PARTITION OF bars_1h DEFAULT;

CREATE TABLE bars_1d (
  symbol         text        NOT NULL,
  open_time      timestamptz NOT NULL,
  open           numeric     NOT NULL,
  high           numeric     NOT NULL,
  low            numeric     NOT NULL,
  close          numeric     NOT NULL,
  volume         numeric     NOT NULL DEFAULT 0 CHECK (volume >= 0),
  vwap           numeric,
  tick_count     bigint      NOT NULL DEFAULT 0 CHECK (tick_count >= 0),
  revision       integer     NOT NULL DEFAULT 0 CHECK (revision >= 0),
  source_spread  numeric,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (low > 0 AND low <= open AND low <= close AND high >= open AND high >= close),
  PRIMARY KEY (symbol, open_time)
) PARTITION BY RANGE (open_time);
CREATE TABLE bars_1d_default PARTITION OF bars_1d DEFAULT;

-- ------------------------------------------------------------------------------------------------ on-chain

CREATE TABLE onchain_metrics (
  symbol            text        NOT NULL,
  chain             text        NOT NULL,
  token_address     text        NOT NULL,
  time              timestamptz NOT NULL,     -- end of the observed window (block time)
  holder_count      bigint      CHECK (holder_count >= 0),
  transfer_count    bigint      CHECK (transfer_count >= 0),
  transfer_volume   numeric     CHECK (transfer_volume >= 0),
  minted            numeric     CHECK (minted >= 0),
  burned            numeric     CHECK (burned >= 0),
  total_supply      numeric     CHECK (total_supply >= 0),
  dex_liquidity     numeric     CHECK (dex_liquidity >= 0),
  exchange_inflow   numeric     CHECK (exchange_inflow >= 0),
  exchange_outflow  numeric     CHECK (exchange_outflow >= 0),
  PRIMARY KEY (symbol, chain, time)
) PARTITION BY RANGE (time);
CREATE TABLE onchain_metrics_default PARTITION OF onchain_metrics DEFAULT;
-- a symbol over all its chains
CREATE INDEX onchain_metrics_symbol_time_idx ON onchain_metrics (symbol, time DESC);

-- ------------------------------------------------------------------------------------------------ macro

CREATE TABLE macro_points (
  series  text        NOT NULL,               -- e.g. 'FEDFUNDS', 'DGS3MO', 'CPIAUCSL'
  time    timestamptz NOT NULL,
  value   numeric     NOT NULL,
  source  text        NOT NULL,
  PRIMARY KEY (series, time)
) PARTITION BY RANGE (time);
CREATE TABLE macro_points_default PARTITION OF macro_points DEFAULT;

-- ------------------------------------------------------------------------------------------------ sentiment

CREATE TABLE sentiment_scores (
  symbol           text         NOT NULL,
  time             timestamptz  NOT NULL,
  sentiment_score  numeric(4,3) NOT NULL CHECK (sentiment_score BETWEEN -1 AND 1),
  article_count    integer      NOT NULL DEFAULT 0 CHECK (article_count >= 0),
  source           text         NOT NULL,
  PRIMARY KEY (symbol, time, source)
) PARTITION BY RANGE (time);
CREATE TABLE sentiment_scores_default PARTITION OF sentiment_scores DEFAULT;

-- ------------------------------------------------------------------------------------------------ partitions

-- Creates the monthly partitions <table>_yYYYYmMM of a table RANGE-partitioned on one timestamptz column, for
-- every month from the month of p_from to the month of p_to (inclusive, months in UTC). Idempotent: existing
-- partitions are left alone. Returns how many partitions it created.
--
-- A new partition cannot be created while its month has rows in the DEFAULT partition (PostgreSQL refuses:
-- "updated partition constraint for default partition would be violated"). Such rows are moved: the month's
-- table is created standalone, the rows are moved into it from the default partition, and it is attached.
-- Inserts into the parent wait while this happens (the parent is locked in SHARE ROW EXCLUSIVE mode as soon as
-- one partition is missing; this also serializes concurrent callers), so no row can slip into the default
-- partition between the move and the attach. Reads are not blocked except for the instant of the attach.
CREATE FUNCTION rwa_ensure_partitions(p_table regclass, p_from date, p_to date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_schema   text;
  v_name     text;
  v_key      text;
  v_key_type regtype;
  v_default  regclass;
  v_month    date;
  v_last     date;
  v_part     text;
  v_lo       timestamptz;
  v_hi       timestamptz;
  v_moved    boolean;
  v_locked   boolean := false;
  v_created  integer := 0;
BEGIN
  IF p_table IS NULL OR p_from IS NULL OR p_to IS NULL OR p_to < p_from THEN
    RAISE EXCEPTION 'rwa_ensure_partitions(%, %, %): need a table and from <= to', p_table, p_from, p_to
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF p_to - p_from > 3700 THEN
    RAISE EXCEPTION 'rwa_ensure_partitions(%, %, %): more than ten years of partitions at once', p_table, p_from, p_to
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  SELECT n.nspname, c.relname INTO v_schema, v_name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.oid = p_table;

  SELECT a.attname, a.atttypid::regtype INTO v_key, v_key_type
    FROM pg_partitioned_table pt
    JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
   WHERE pt.partrelid = p_table AND pt.partstrat = 'r' AND pt.partnatts = 1;
  IF v_key IS NULL OR v_key_type <> 'timestamptz'::regtype THEN
    RAISE EXCEPTION 'rwa_ensure_partitions: % is not range-partitioned on one timestamptz column', p_table
      USING ERRCODE = 'wrong_object_type';
  END IF;

  SELECT c.oid::regclass INTO v_default
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
   WHERE i.inhparent = p_table AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT';

  v_month := date_trunc('month', p_from)::date;
  v_last := date_trunc('month', p_to)::date;
  WHILE v_month <= v_last LOOP
    v_part := format('%s_y%sm%s', v_name, to_char(v_month, 'YYYY'), to_char(v_month, 'MM'));
    IF to_regclass(format('%I.%I', v_schema, v_part)) IS NULL AND NOT v_locked THEN
      EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', p_table);
      v_locked := true;
    END IF;
    -- checked again under the lock: a concurrent caller may have created it meanwhile
    IF to_regclass(format('%I.%I', v_schema, v_part)) IS NULL THEN
      v_lo := v_month::timestamp AT TIME ZONE 'UTC';
      v_hi := (v_month + interval '1 month')::timestamp AT TIME ZONE 'UTC';
      v_moved := false;
      IF v_default IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I >= $1 AND %I < $2)', v_default, v_key, v_key)
          INTO v_moved USING v_lo, v_hi;
      END IF;
      IF v_moved THEN
        EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                       v_schema, v_part, p_table);
        EXECUTE format('WITH moved AS (DELETE FROM %s WHERE %I >= $1 AND %I < $2 RETURNING *) '
                       'INSERT INTO %I.%I SELECT * FROM moved', v_default, v_key, v_key, v_schema, v_part)
          USING v_lo, v_hi;
        EXECUTE format('ALTER TABLE %s ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                       p_table, v_schema, v_part, v_lo, v_hi);
        RAISE NOTICE 'rwa_ensure_partitions: moved rows of % from % into %', to_char(v_month, 'YYYY-MM'), v_default, v_part;
      ELSE
        EXECUTE format('CREATE TABLE %I.%I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                       v_schema, v_part, p_table, v_lo, v_hi);
      END IF;
      v_created := v_created + 1;
    END IF;
    v_month := (v_month + interval '1 month')::date;
  END LOOP;
  RETURN v_created;
END;
$$;

COMMENT ON FUNCTION rwa_ensure_partitions(regclass, date, date) IS
  'Creates the monthly partitions <table>_yYYYYmMM covering [p_from, p_to] (UTC months), moving matching rows '
  'out of the DEFAULT partition; idempotent; returns the number created.';
