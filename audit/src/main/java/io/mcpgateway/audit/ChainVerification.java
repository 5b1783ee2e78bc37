package io.mcpgateway.audit;

import java.util.Optional;

/**
 * The result of recomputing a hash chain.
 *
 * @param chainId     the chain
 * @param records     records checked
 * @param brokenAtSeq the first record whose link does not hold, if any
 * @param problem     what is wrong with it, empty when intact
 */
public record ChainVerification(String chainId, long records, Optional<Long> brokenAtSeq, String problem) {

    /**
     * Whether the chain is intact.
     *
     * @return true when no link is broken
     */
    public boolean intact() {
        return brokenAtSeq.isEmpty();
    }
}
