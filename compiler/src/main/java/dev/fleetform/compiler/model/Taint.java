package dev.fleetform.compiler.model;

/** @param effect {@code NoSchedule | PreferNoSchedule | NoExecute} */
public record Taint(String key, String value, String effect) {
}
