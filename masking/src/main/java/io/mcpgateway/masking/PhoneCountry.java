package io.mcpgateway.masking;

/**
 * International numbering plan of one country: its calling code and the length of its national
 * significant numbers. A number written with {@code +} or {@code 00} is attributed to the country
 * whose calling code it starts with and whose length range it fits.
 *
 * @param entity      the phone type of the country
 * @param callingCode ITU calling code without {@code +}
 * @param minNsn      shortest national significant number
 * @param maxNsn      longest national significant number
 */
record PhoneCountry(EntityType entity, String callingCode, int minNsn, int maxNsn) {
}
