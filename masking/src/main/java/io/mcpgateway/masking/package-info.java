/**
 * Masking: finds PII and secrets in tool results and replaces them before the result leaves
 * the gateway. Depends on no other gateway module so it can be benchmarked and reused alone.
 */
package io.mcpgateway.masking;
