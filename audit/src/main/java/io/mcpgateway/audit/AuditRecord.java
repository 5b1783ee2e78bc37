package io.mcpgateway.audit;

/**
 * A stored audit event with its position and hashes in the chain.
 *
 * @param chainId  chain the event belongs to
 * @param seq      position in the chain, from 1
 * @param event    the event
 * @param prevHash hash of the previous record (64 zeros for the first)
 * @param hash     SHA-256 over {@code prevHash} and the canonical form of the event
 */
public record AuditRecord(String chainId, long seq, AuditEvent event, String prevHash, String hash) {
}
