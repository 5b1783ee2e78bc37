/**
 * Masking: finds PII and secrets in tool results and replaces them before the result leaves the
 * gateway. Depends on no other gateway module so it can be benchmarked and reused alone.
 *
 * <p>Entry points: {@link io.mcpgateway.masking.MaskingEngine} (built once from configuration,
 * immutable and thread-safe) masks text, JSON trees, tables and binary content for a
 * {@link io.mcpgateway.masking.MaskingRequest} (profile, held credential values, session vault)
 * and returns the masked payload with a {@link io.mcpgateway.masking.MaskingReport}.
 * {@link io.mcpgateway.masking.SessionVault} restores reversible session tokens in tool arguments.
 * The entity types are listed by {@link io.mcpgateway.masking.Catalog}, read from
 * {@code catalog.json}.
 */
package io.mcpgateway.masking;
