package dev.fleetform.compiler.promql;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.fleetform.compiler.promql.ValueType.MATRIX;
import static dev.fleetform.compiler.promql.ValueType.SCALAR;
import static dev.fleetform.compiler.promql.ValueType.STRING;
import static dev.fleetform.compiler.promql.ValueType.VECTOR;

/**
 * The functions of Prometheus 2.42 ({@code promql/parser/functions.go} at that release; checked
 * against Debian's promtool 2.42): {@code holt_winters} is there, the later native-histogram
 * statistics, {@code sort_by_label}, {@code mad_over_time} and friends are not.
 */
public final class Functions {
    private static final Map<String, Function> BY_NAME = new HashMap<>();

    static {
        for (String name : List.of("abs", "absent", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil",
                "cos", "cosh", "deg", "exp", "floor", "histogram_count", "histogram_sum", "ln", "log10", "log2",
                "rad", "sgn", "sin", "sinh", "sort", "sort_desc", "sqrt", "tan", "tanh", "timestamp")) {
            add(name, VECTOR, 0, VECTOR);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "max_over_time", "min_over_time",
                "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            add(name, MATRIX, 0, VECTOR);
        }
        // Date functions default to vector(time()) when called without an argument.
        for (String name : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour",
                "minute", "month", "year")) {
            add(name, VECTOR, 1, VECTOR);
        }
        add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
        add("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR);
        add("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
        add("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
        add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
        add("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
        add("pi", List.of(), 0, SCALAR);
        add("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
        add("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
        add("round", List.of(VECTOR, SCALAR), 1, VECTOR);
        add("scalar", List.of(VECTOR), 0, SCALAR);
        add("time", List.of(), 0, SCALAR);
        add("vector", List.of(SCALAR), 0, VECTOR);
    }

    private Functions() {
    }

    /** Every function name, for "did you mean" hints. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    public static Optional<Function> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static void add(String name, ValueType arg, int variadic, ValueType returns) {
        add(name, List.of(arg), variadic, returns);
    }

    private static void add(String name, List<ValueType> args, int variadic, ValueType returns) {
        BY_NAME.put(name, new Function(name, args, variadic, returns));
    }
}
