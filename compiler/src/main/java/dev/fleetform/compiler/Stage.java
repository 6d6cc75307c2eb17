package dev.fleetform.compiler;

/** The validation stages, in order; a stage runs only when the ones before it found no error. */
public enum Stage {
    /** Reading fleet.yaml and its includes into a located tree. */
    LOAD,
    /** JSON Schema: types, required and unknown keys, patterns. */
    SCHEMA,
    /** Building the model: profiles and defaults merged, references to profiles resolved. */
    BIND,
    /** Semantic rules over the whole model. */
    CHECK
}
