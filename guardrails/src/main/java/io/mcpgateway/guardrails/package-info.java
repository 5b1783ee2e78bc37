/**
 * Guardrails: policy evaluation of a bound tool call (SQL analysis with JSqlParser, risk
 * levels, operator rules) into a {@link io.mcpgateway.tools.Decision}.
 */
package io.mcpgateway.guardrails;
