package dev.fleetform.compiler.gotemplate;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the corpus cannot show: offsets inside the value, and the nesting bound of the port. */
class PrometheusTemplatesTest {

    @Test
    void offsetsCountFromTheStartOfTheValueNotOfPrometheusDefinitions() {
        TemplateError e = PrometheusTemplates.check("A", "up {{ $label.host }}").orElseThrow();
        assertEquals("template: __alert_A:1: undefined variable \"$label\"", e.goError());
        assertEquals(6, e.offset());
    }

    @Test
    void theAlertNameNamesTheTemplate() {
        // Prometheus names each value's template after its alert, so defining that name clashes.
        assertEquals(Optional.of("template: __alert_Disk:1: template: multiple definition of template \"__alert_Disk\""),
                PrometheusTemplates.check("Disk", "{{ define \"__alert_Disk\" }}x{{ end }}").map(TemplateError::goError));
        assertEquals(Optional.empty(), PrometheusTemplates.check("Cpu", "{{ define \"__alert_Disk\" }}x{{ end }}"));
    }

    @Test
    void deepNestingIsRefusedWithAMessageNotAStackOverflow() throws InterruptedException {
        int ok = Tree.MAX_DEPTH - 1;
        String parens = "{{ " + "(".repeat(ok) + "1" + ")".repeat(ok) + " }}";
        String ifs = "{{ if 1 }}".repeat(ok) + "{{ end }}".repeat(ok);
        String tooDeep = "{{ " + "(".repeat(Tree.MAX_DEPTH + 1) + "1" + ")".repeat(Tree.MAX_DEPTH + 1) + " }}";
        // Half the default stack of the checker's thread must be enough, compiled or not.
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(new Object[] {PrometheusTemplates.check("A", parens), PrometheusTemplates.check("A", ifs),
                        PrometheusTemplates.check("A", tooDeep).map(TemplateError::message)});
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertTrue(result.get() instanceof Object[], () -> "failed: " + result.get());
        Object[] r = (Object[]) result.get();
        assertEquals(Optional.empty(), r[0]);
        assertEquals(Optional.empty(), r[1]);
        assertEquals(Optional.of("nested more than " + Tree.MAX_DEPTH + " deep"), r[2]);
    }
}
