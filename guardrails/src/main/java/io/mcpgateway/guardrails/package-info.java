/**
 * Guardrails: policy holds even when the model writes the SQL.
 *
 * <p>{@link io.mcpgateway.guardrails.PolicyEngine} turns a bound call into a
 * {@link io.mcpgateway.tools.Decision}: hard guards first ({@link io.mcpgateway.guardrails.SqlGuard},
 * {@link io.mcpgateway.guardrails.HttpGuard}, {@link io.mcpgateway.guardrails.LogGuard}), then the
 * operator's rules from the policy YAML in order, then the connection's
 * {@link io.mcpgateway.guardrails.RiskLevelPolicy risk level}. SQL is read twice by
 * {@link io.mcpgateway.guardrails.SqlAnalyzer}: as raw text under every dialect's quoting and
 * comment rules, and as JSqlParser's complete parse tree. Around execution the pipeline uses
 * {@link io.mcpgateway.guardrails.Quotas} (before) and
 * {@link io.mcpgateway.guardrails.InjectionInspector} (after masking, step 8);
 * {@link io.mcpgateway.guardrails.PolicyTests} lets operators test their policy like code.
 */
package io.mcpgateway.guardrails;
