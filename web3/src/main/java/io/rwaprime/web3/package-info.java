/**
 * On-chain reading with web3j, without Vert.x in its API: {@link io.rwaprime.web3.ChainRpc} (JSON-RPC over HTTP
 * with failover and chain-id checks, every call asynchronous), {@link io.rwaprime.web3.TokenScanner} (reorg-safe
 * ERC-20 Transfer scanning into a {@link io.rwaprime.web3.ScanStore}) and {@link io.rwaprime.web3.Erc20} (the calls
 * and the log decoding). Results are {@link java.util.concurrent.CompletionStage}s completed on web3j's threads,
 * never on a caller's event loop.
 */
package io.rwaprime.web3;
