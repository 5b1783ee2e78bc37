package io.mcpgateway.masking;

import java.util.Objects;
import java.util.Set;

/**
 * What the pipeline knows about one tool result when it masks it.
 *
 * @param profile the masking profile the tool or connection refers to
 * @param secrets the live credential values the server holds for this call; scrubbed exactly,
 *                whatever the profile says
 * @param vault   the MCP session's vault for reversible tokens, or null when there is none
 */
public record MaskingRequest(String profile, Set<String> secrets, SessionVault vault) {
    /** Name of the profile used when none is given. */
    public static final String DEFAULT_PROFILE = "default";

    /**
     * Validates and copies.
     */
    public MaskingRequest {
        profile = profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile;
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
    }

    /**
     * A request for a profile, without held secrets or vault (the CLI's case).
     *
     * @param profile the profile name
     * @return the request
     */
    public static MaskingRequest of(String profile) {
        return new MaskingRequest(profile, Set.of(), null);
    }

    /**
     * A fluent builder.
     *
     * @return a builder for the default profile
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link MaskingRequest}. */
    public static final class Builder {
        private String profile = DEFAULT_PROFILE;
        private Set<String> secrets = Set.of();
        private SessionVault vault;

        private Builder() {
        }

        /**
         * The profile.
         *
         * @param profile its name
         * @return this builder
         */
        public Builder profile(String profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * The held credential values to scrub.
         *
         * @param secrets the values
         * @return this builder
         */
        public Builder secrets(Set<String> secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * The session vault for reversible tokens.
         *
         * @param vault the vault
         * @return this builder
         */
        public Builder vault(SessionVault vault) {
            this.vault = vault;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public MaskingRequest build() {
            return new MaskingRequest(profile, secrets, vault);
        }
    }
}
