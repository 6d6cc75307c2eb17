package dev.fleetform.compiler.promql;

import java.util.List;

/**
 * A PromQL function's signature, as in Prometheus' {@code functions.go}.
 *
 * @param variadic 0: exactly {@code argTypes}; otherwise the last argument is optional and,
 *                 with n &gt; 0, at most {@code argTypes.size() - 1 + n} arguments are allowed,
 *                 with -1 any number (extra arguments take the last type)
 */
public record Function(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
}
