package io.mcpgateway.tools;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One tool an operator defined in a runbook.
 *
 * @param name           tool name, {@code [A-Za-z0-9_.-]{1,128}} (snake_case by convention)
 * @param description    what the tool does, shown to the model
 * @param connection     name of the connection it runs on
 * @param groups         groups allowed to see and call it; empty means nobody
 * @param parameters     declared parameters by name, in declaration order
 * @param template       the fixed statement or request shape
 * @param limits         result caps and timeout
 * @param maskingProfile masking profile applied to its results
 * @param hints          MCP annotations as written
 * @param approval       whether the runbook requires human approval, and by whom
 * @param source         where it was defined ({@code file:line:col}), for messages
 */
public record ToolDefinition(String name,
                             String description,
                             String connection,
                             Set<String> groups,
                             Map<String, Parameter> parameters,
                             ToolTemplate template,
                             Limits limits,
                             String maskingProfile,
                             ToolHints hints,
                             ApprovalRequirement approval,
                             String source) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /**
     * Validates the definition.
     *
     * @param name           name
     * @param description    description
     * @param connection     connection
     * @param groups         groups
     * @param parameters     parameters
     * @param template       template
     * @param limits         limits
     * @param maskingProfile masking profile
     * @param hints          hints
     * @param approval       approval requirement
     * @param source         source location
     */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tool name '" + name + "' must match [A-Za-z0-9_.-]{1,128}");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("Tool '" + name + "' needs a description: the model chooses tools by it");
        }
        Objects.requireNonNull(connection, "connection");
        groups = Set.copyOf(groups);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(template, "template");
        limits = limits == null ? Limits.DEFAULT : limits;
        maskingProfile = maskingProfile == null || maskingProfile.isBlank() ? "default" : maskingProfile;
        hints = hints == null ? ToolHints.NONE : hints;
        approval = approval == null ? ApprovalRequirement.NONE : approval;
        source = source == null ? "" : source;
    }

    /**
     * A definition without an approval requirement of its own (tests, {@code policy explain}).
     *
     * @param name           name
     * @param description    description
     * @param connection     connection
     * @param groups         groups
     * @param parameters     parameters
     * @param template       template
     * @param limits         limits
     * @param maskingProfile masking profile
     * @param hints          hints
     * @param source         source location
     */
    public ToolDefinition(String name, String description, String connection, Set<String> groups,
                          Map<String, Parameter> parameters, ToolTemplate template, Limits limits,
                          String maskingProfile, ToolHints hints, String source) {
        this(name, description, connection, groups, parameters, template, limits, maskingProfile, hints,
                ApprovalRequirement.NONE, source);
    }

    /**
     * Whether the identity may see and call this tool.
     *
     * @param identity caller
     * @return true when the caller is in one of the tool's groups
     */
    public boolean visibleTo(Identity identity) {
        return identity.inAnyGroup(groups);
    }
}
