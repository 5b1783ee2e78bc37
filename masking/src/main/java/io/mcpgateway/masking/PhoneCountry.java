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
 * @param areas       when not empty, the area codes a national number must start with (to tell
 *                    countries sharing a calling code apart, such as Canada within +1)
 */
record PhoneCountry(EntityType entity, String callingCode, int minNsn, int maxNsn, java.util.List<String> areas) {

    boolean accepts(CharSequence digits, int nsnStart) {
        int nsn = digits.length() - nsnStart;
        if (nsn < minNsn || nsn > maxNsn) {
            return false;
        }
        if (areas.isEmpty()) {
            return true;
        }
        for (String a : areas) {
            if (digits.length() >= nsnStart + a.length() && digits.toString().startsWith(a, nsnStart)) {
                return true;
            }
        }
        return false;
    }
}
