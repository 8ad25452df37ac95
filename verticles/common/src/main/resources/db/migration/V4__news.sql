-- Scored news articles (silver), one row per article; daily per-asset sentiment (gold) is derived from
-- them, so a replayed article changes nothing.
CREATE TABLE news_items (
  id            text        PRIMARY KEY,
  source        text        NOT NULL,
  title         text        NOT NULL,
  url           text        NOT NULL,
  published_at  timestamptz NOT NULL,
  symbols       text[]      NOT NULL DEFAULT '{}',
  sentiment     numeric(5,4) NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
  received_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX news_items_published_idx ON news_items (published_at DESC);
CREATE INDEX news_items_symbols_idx ON news_items USING gin (symbols);
