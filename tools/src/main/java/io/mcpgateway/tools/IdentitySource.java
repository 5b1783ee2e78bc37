package io.mcpgateway.tools;

import java.util.Locale;

/**
 * Where an identity-bound parameter takes its value: from the caller's verified token, never from
 * the model. Such a parameter is absent from the tool's input schema, and an argument of that name
 * is refused, so "my tickets" cannot be turned into "everybody's tickets".
 */
public enum IdentitySource {
    /** The token subject (stable user id), as a string. */
    SUBJECT,
    /** The token's e-mail claim, as a string; a caller without one cannot use the tool. */
    EMAIL,
    /** The caller's groups, as an array of strings. */
    GROUPS;

    /**
     * Parses the runbook form ({@code subject}, {@code email}, {@code groups}).
     *
     * @param value runbook value
     * @return the source
     * @throws IllegalArgumentException naming the accepted values
     */
    public static IdentitySource parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "subject" -> SUBJECT;
            case "email" -> EMAIL;
            case "groups" -> GROUPS;
            default -> throw new IllegalArgumentException("unknown identity source '" + value
                    + "': use subject, email or groups");
        };
    }

    /**
     * The runbook form.
     *
     * @return e.g. {@code email}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of this source for a caller.
     *
     * @param identity the verified caller
     * @return a string, or the list of groups (sorted, so binds are stable)
     * @throws InvalidArgumentsException when the token lacks the claim
     */
    Object valueOf(Identity identity) {
        return switch (this) {
            case SUBJECT -> identity.subject();
            case EMAIL -> {
                if (identity.email().isEmpty()) {
                    throw new InvalidArgumentsException(java.util.List.of("this tool needs the e-mail address "
                            + "from your token, and your token carries none"));
                }
                yield identity.email();
            }
            case GROUPS -> identity.groups().stream().sorted().toList();
        };
    }
}
