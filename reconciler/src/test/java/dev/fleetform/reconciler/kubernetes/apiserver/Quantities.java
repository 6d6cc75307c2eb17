package dev.fleetform.reconciler.kubernetes.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server stores a resource.Quantity parsed and answers its canonical form
 * (k8s.io/apimachinery {@code pkg/api/resource/quantity.go}, CanonicalizeBytes):
 * {@code 8000m} comes back as {@code 8}, {@code 4096Mi} as {@code 4Gi}, {@code 0.5} as {@code 500m}.
 */
final class Quantities {
    /** Maps whose values are quantities (ResourceList). */
    private static final Set<String> RESOURCE_LISTS = Set.of("limits", "requests", "capacity", "allocatable", "overhead");
    /** Quantity fields of HPA metric targets and statuses (only there: env vars have a "value" too). */
    private static final Set<String> QUANTITY_FIELDS = Set.of("averageValue", "value");
    private static final Set<String> METRIC_VALUES = Set.of("target", "current");
    private static final Pattern QUANTITY = Pattern.compile(
            "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final Map<String, Integer> DECIMAL_EXPONENTS = Map.of(
            "n", -9, "u", -6, "m", -3, "", 0, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
    private static final BigInteger KIBI = BigInteger.valueOf(1024);

    private Quantities() {
    }

    static void canonicalize(JsonNode node) {
        canonicalize(node, "");
    }

    private static void canonicalize(JsonNode node, String parent) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (RESOURCE_LISTS.contains(name) && value instanceof ObjectNode list) {
                    List<String> keys = new ArrayList<>();
                    list.fieldNames().forEachRemaining(keys::add);
                    keys.forEach(k -> replace(list, k));
                } else if (METRIC_VALUES.contains(parent) && QUANTITY_FIELDS.contains(name) && value.isTextual()) {
                    replace(object, name);
                } else {
                    canonicalize(value, name);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> canonicalize(item, parent));
        }
    }

    private static void replace(ObjectNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value.isTextual() || value.isNumber()) {
            String canonical = canonical(value.asText());
            if (canonical != null) {
                parent.put(name, canonical);
            }
        }
    }

    /** The canonical text of a quantity, or null when it does not parse (left as sent). */
    static String canonical(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        if (suffix.startsWith("e") || suffix.startsWith("E")) {
            return text.trim(); // DecimalExponent: rare in manifests, kept as written
        }
        BigDecimal number = new BigDecimal(m.group(1));
        int binary = List.of(BINARY).indexOf(suffix);
        if (binary > 0) {
            BigDecimal value = number.multiply(new BigDecimal(KIBI.pow(binary)));
            if (value.abs().compareTo(new BigDecimal(KIBI)) >= 0 && isInteger(value)) {
                BigInteger amount = value.toBigIntegerExact();
                int power = 0;
                while (power < BINARY.length - 1 && amount.mod(KIBI).signum() == 0) {
                    amount = amount.divide(KIBI);
                    power++;
                }
                return amount + BINARY[power];
            }
            return decimal(value);
        }
        return decimal(number.scaleByPowerOfTen(DECIMAL_EXPONENTS.get(suffix)));
    }

    private static String decimal(BigDecimal value) {
        // the smallest unit is the nano; anything finer rounds up (away from zero, as Quantity does)
        BigInteger nanos = value.setScale(9, RoundingMode.UP).unscaledValue();
        if (nanos.signum() == 0) {
            return "0";
        }
        int exponent = -9;
        while (exponent < 18 && nanos.mod(THOUSAND).signum() == 0) {
            nanos = nanos.divide(THOUSAND);
            exponent += 3;
        }
        final int found = exponent;
        String suffix = DECIMAL_EXPONENTS.entrySet().stream()
                .filter(e -> e.getValue() == found).findFirst().orElseThrow().getKey();
        return nanos + suffix;
    }

    private static boolean isInteger(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
