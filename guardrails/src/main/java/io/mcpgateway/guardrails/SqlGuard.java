package io.mcpgateway.guardrails;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.tools.Decision;

/**
 * The hard guards on SQL that no rule can switch off (DESIGN.md, step 1): text that does not
 * parse, several statements in one call, dangerous functions, MySQL executable comments,
 * {@code SELECT ... INTO}, and commands that reach the server's files, programs or other servers.
 *
 * <p>All findings are reported together: the decision names the most specific guard as its rule
 * and lists every reason, so the model learns every boundary it crossed at once.
 */
public final class SqlGuard implements Policy {

    /**
     * Creates the guard.
     */
    public SqlGuard() {
    }

    @Override
    public Optional<Decision> evaluate(PolicyInput input) {
        if (input.sql().isEmpty() || input.sql().get().hazards().isEmpty()) {
            return Optional.empty();
        }
        List<SqlHazard> hazards = input.sql().get().hazards();
        SqlHazard first = hazards.getFirst();
        Set<String> messages = new LinkedHashSet<>();
        for (SqlHazard h : hazards) {
            messages.add(h.message());
        }
        return Optional.of(new Decision.Deny(first.ruleId(), first.reasonCode(), String.join(" ", messages),
                first.allowed()));
    }
}
