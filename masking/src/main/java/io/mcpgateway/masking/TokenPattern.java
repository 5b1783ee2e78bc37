package io.mcpgateway.masking;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An identifier mixing letters and digits ({@code 12345678Z}, {@code RSSMRA85T10A562S},
 * {@code AB123456C}), tried only at word starts whose first character and word length fit, then
 * confirmed by a regular expression anchored there and a check scheme.
 *
 * @param entity   the type
 * @param regex    anchored expression; group 1, when present, is the value to check
 * @param starts   which ASCII characters can begin a match
 * @param minWord  shortest first word (run of letters and digits) that can begin a match
 * @param maxWord  longest such word
 * @param check    the check scheme over the compact value
 * @param keepCase whether the compact value keeps its case (crypto addresses)
 */
record TokenPattern(EntityType entity, Pattern regex, boolean[] starts, int minWord, int maxWord,
                    Predicate<String> check, boolean keepCase) {
}
