/**
 * Audit: the append-only, hash-chained record of every action the gateway takes.
 */
package io.mcpgateway.audit;
