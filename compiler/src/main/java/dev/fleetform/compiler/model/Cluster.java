package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

import java.util.List;

/** @param context the kubeconfig context the reconciler uses */
public record Cluster(String name, String context, List<Pool> pools, Origin origin) {
}
