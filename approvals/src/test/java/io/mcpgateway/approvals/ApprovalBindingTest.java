package io.mcpgateway.approvals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.mcpgateway.approvals.ApprovalFixture.ALICE;
import static io.mcpgateway.approvals.ApprovalFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The canonical form behind an approval's binding.
 */
class ApprovalBindingTest {

    private static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        ApprovalBinding.canonical(value, out);
        return out.toString();
    }

    @Test
    void equalNumbersOfAnyTypeAreOneValueButTheirTextIsNot() {
        assertEquals(canonical(42), canonical(42L));
        assertEquals(canonical(42L), canonical(new BigDecimal("42.00")));
        assertEquals(canonical(0.5d), canonical(new BigDecimal("0.50")));
        assertNotEquals(canonical(42), canonical("42"));
    }

    @Test
    void mapKeyOrderDoesNotMatterListOrderDoes() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", List.of("p", "q"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", List.of("p", "q"));
        b.put("x", 1);
        assertEquals(canonical(a), canonical(b));
        assertNotEquals(canonical(List.of("p", "q")), canonical(List.of("q", "p")));
    }

    @Test
    void quotesCannotForgeAnotherValue() {
        assertNotEquals(canonical(List.of("a\",\"b")), canonical(List.of("a", "b")));
    }

    @Test
    void bindingCoversCallerArgumentsAndPolicyVersion() {
        String base = ApprovalBinding.of(call(ALICE, 42, "shipped"), "p1").hash();
        assertEquals(base, ApprovalBinding.of(call(ALICE, 42, "shipped"), "p1").hash());
        assertNotEquals(base, ApprovalBinding.of(call(ALICE, 43, "shipped"), "p1").hash());
        assertNotEquals(base, ApprovalBinding.of(call(ApprovalFixture.BOB, 42, "shipped"), "p1").hash());
        assertNotEquals(base, ApprovalBinding.of(call(ALICE, 42, "shipped"), "p2").hash());
        assertEquals(64, base.length());
    }
}
