package io.mcpgateway.guardrails;

import java.util.Optional;

import io.mcpgateway.tools.Decision;

/**
 * One policy: a pure function from a call to a decision, or empty when it does not apply
 * (abstains).
 */
@FunctionalInterface
public interface Policy {

    /**
     * Judges a call.
     *
     * @param input the call and its analysis
     * @return a decision, or empty to abstain
     */
    Optional<Decision> evaluate(PolicyInput input);
}
