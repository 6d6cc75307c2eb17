package dev.fleetform.compiler.promql;

/** The type of a PromQL expression's value. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("vector"), MATRIX("matrix"), STRING("string");

    private final String name;

    ValueType(String name) {
        this.name = name;
    }

    /** Prometheus' internal name ({@code matrix}), used by a few of its messages. */
    public String promName() {
        return name;
    }

    /** The name the documentation uses ({@code range vector}), as most messages do. */
    public String documented() {
        return switch (this) {
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            default -> name;
        };
    }
}
