package io.mcpgateway.masking;

/**
 * Broad families of entity types. Profiles can choose a strategy per category, and the default
 * profile never makes a {@link #SECRET} reversible.
 */
public enum EntityCategory {
    /** Credentials: API keys, tokens, private keys, passwords. */
    SECRET,
    /** National identity numbers and social security numbers. */
    NATIONAL_ID,
    /** Personal and company tax identifiers. */
    TAX_ID,
    /** Passport numbers. */
    PASSPORT,
    /** Driving licence numbers. */
    DRIVING_LICENCE,
    /** Health insurance and patient identifiers. */
    HEALTH_ID,
    /** Telephone numbers. */
    PHONE,
    /** Card numbers, bank accounts, routing numbers. */
    FINANCIAL,
    /** Cryptocurrency wallet addresses. */
    CRYPTO,
    /** IP and MAC addresses, device identifiers. */
    NETWORK,
    /** E-mail addresses. */
    CONTACT,
    /** Names, street addresses, dates of birth, coordinates. */
    PERSONAL;

    /**
     * Parses a category written in configuration ({@code national-id}, {@code secret}, ...).
     *
     * @param text the name, dashes or underscores, any case
     * @return the category
     * @throws IllegalArgumentException naming the text when it is not a category
     */
    public static EntityCategory parse(String text) {
        String n = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (EntityCategory c : values()) {
            if (c.name().equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown entity category '" + text + "'");
    }
}
