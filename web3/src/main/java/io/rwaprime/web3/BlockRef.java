package io.rwaprime.web3;

/**
 * A block header as far as reorg detection needs it.
 *
 * @param number     height
 * @param hash       block hash, lower case
 * @param parentHash parent's hash, lower case
 * @param timestamp  block time, seconds since the epoch
 */
public record BlockRef(long number, String hash, String parentHash, long timestamp) {}
