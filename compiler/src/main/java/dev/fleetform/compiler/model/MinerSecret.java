package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/**
 * A secret given to a miner, as a file ({@code mountPath}) or an environment variable ({@code env}).
 */
public record MinerSecret(String name, SecretRef secretRef, String mountPath, String env, Origin origin) {
}
