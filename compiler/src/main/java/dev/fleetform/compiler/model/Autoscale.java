package dev.fleetform.compiler.model;

public record Autoscale(int min, int max, int targetCpuPercent) {
}
