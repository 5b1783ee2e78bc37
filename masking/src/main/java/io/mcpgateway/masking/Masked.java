package io.mcpgateway.masking;

/**
 * A masked payload and the report of what was masked in it.
 *
 * @param value  the masked payload (text, JSON tree or table)
 * @param report counts for the audit trail
 * @param <T>    the payload type
 */
public record Masked<T>(T value, MaskingReport report) {
}
