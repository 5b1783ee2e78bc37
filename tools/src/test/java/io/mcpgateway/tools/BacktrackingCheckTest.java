package io.mcpgateway.tools;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BacktrackingCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+b", "((a+)+)+b", "(a*)*", "(a|a)*", "(a|ab)*c", "(\\w+\\s?)*$", "(x+x+)+y",
            "([a-z]+)*[0-9]", "(.*a){12}", "^(([a-z])+.)+[A-Z]([a-z])+$", "(\\d+|\\w+)+!",
            "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$"})
    void refusesPatternsThatBacktrackCatastrophically(String regex) {
        assertEquals(true, BacktrackingCheck.check(regex) != null, regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[A-Z]{3}", "[a-z0-9]+(-[a-z0-9]+)*", "(\\w+\\s)*\\w+", "[\\p{L} .'%_-]+",
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}", "(a++)+b", "(?>a+)+b",
            "[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])", "ORD-[0-9]{6}", "(a|b)*c", "(\\w+\\.){1,3}com",
            "[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*@x\\.com"})
    void acceptsLinearPatterns(String regex) {
        assertEquals(null, BacktrackingCheck.check(regex), regex);
    }
}
