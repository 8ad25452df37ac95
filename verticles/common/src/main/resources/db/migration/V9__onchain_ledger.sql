-- On-chain ingestion (issue 9): per-token scan checkpoints, the provisional (not yet final) block hashes used to
-- detect reorgs, every ERC-20 Transfer applied to the holder ledger, and the ledger itself. Amounts are base
-- units (numeric(78,0) holds any uint256); the token's decimals turn them into token units.

CREATE TABLE onchain_checkpoints (
  chain           text        NOT NULL,               -- configured chain name, e.g. 'ethereum'
  token           text        NOT NULL,               -- contract address, lower case
  symbol          text        NOT NULL,
  decimals        integer     NOT NULL CHECK (decimals BETWEEN 0 AND 77),
  start_block     bigint      NOT NULL CHECK (start_block >= 0),
  -- last block whose logs are applied (start_block - 1: nothing yet)
  scanned_to      bigint      NOT NULL,
  -- last block treated as final (finalized/safe tag or confirmations); blocks above it are provisional
  finalized_to    bigint      NOT NULL,
  finalized_hash  text,
  -- totalSupply() just before start_block (0 when scanning from the deployment)
  supply_baseline numeric(78,0) NOT NULL DEFAULT 0,
  -- last integrity finding (rejected logs, supply mismatch, negative balance, reorg below finality); null = clean
  integrity       text,
  integrity_at    timestamptz,
  onchain_supply  numeric(78,0),                      -- totalSupply() at checked_block
  checked_block   bigint,
  -- transfers of at least this many base units are whale events; null: 1 % of the supply
  whale_threshold numeric(78,0),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chain, token)
);

-- hashes of the scanned blocks above finalized_to: a reorg shows as a hash that the chain no longer has
CREATE TABLE onchain_blocks (
  chain        text        NOT NULL,
  token        text        NOT NULL,
  number       bigint      NOT NULL,
  hash         text        NOT NULL,
  parent_hash  text        NOT NULL,
  time         timestamptz NOT NULL,
  PRIMARY KEY (chain, token, number)
);

CREATE TABLE onchain_transfers (
  chain         text          NOT NULL,
  token         text          NOT NULL,
  block_number  bigint        NOT NULL,
  log_index     integer       NOT NULL,
  block_hash    text          NOT NULL,
  block_time    timestamptz   NOT NULL,
  tx_hash       text          NOT NULL,
  from_addr     text          NOT NULL,             -- lower case; 0x000…0 = mint
  to_addr       text          NOT NULL,             -- lower case; 0x000…0 = burn
  value         numeric(78,0) NOT NULL CHECK (value >= 0),
  PRIMARY KEY (chain, token, block_number, log_index)
);
CREATE INDEX onchain_transfers_time_idx ON onchain_transfers (chain, token, block_time);
CREATE INDEX onchain_transfers_from_idx ON onchain_transfers (chain, from_addr, block_number);
CREATE INDEX onchain_transfers_to_idx ON onchain_transfers (chain, to_addr, block_number);

-- the holder ledger; a balance that would go negative means logs are missing (the commit fails and is flagged)
CREATE TABLE onchain_balances (
  chain    text          NOT NULL,
  token    text          NOT NULL,
  holder   text          NOT NULL,
  balance  numeric(78,0) NOT NULL CHECK (balance >= 0),
  PRIMARY KEY (chain, token, holder)
);
CREATE INDEX onchain_balances_top_idx ON onchain_balances (chain, token, balance DESC) WHERE balance > 0;

-- metrics rows are per interval (onchain.metrics-interval): time is the interval's start
ALTER TABLE onchain_metrics ADD COLUMN top10_share numeric CHECK (top10_share >= 0 AND top10_share <= 1);
ALTER TABLE onchain_metrics ADD COLUMN ledger_supply numeric CHECK (ledger_supply >= 0);

-- wallet sync: what a user's wallet already brought in (new_transactions counts transfers above last_block)
CREATE TABLE wallet_syncs (
  user_id     uuid        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  chain       text        NOT NULL,
  address     text        NOT NULL,                 -- lower case
  last_block  bigint      NOT NULL,
  synced_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, chain, address)
);
