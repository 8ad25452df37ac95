package io.rwaprime.web3;

/**
 * What one {@link TokenScanner#sync()} pass did.
 *
 * @param head        chain head seen at the start of the pass
 * @param scannedTo   checkpoint at the end
 * @param finalizedTo finality point at the end
 * @param applied     transfers applied
 * @param rolledBack  transfers taken back by a reorg
 * @param ranges      {@code eth_getLogs} ranges applied
 * @param splits      ranges split because the provider refused them
 * @param caughtUp    whether the checkpoint reached the head
 * @param finding     the integrity finding of this pass, or null
 */
public record SyncReport(long head, long scannedTo, long finalizedTo, int applied, int rolledBack, int ranges,
                         int splits, boolean caughtUp, String finding) {}
