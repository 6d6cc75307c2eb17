package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** A VM disk volume on a filesystem of the host. */
public record VmDisk(String filesystem, long sizeGiB, Origin origin) {
}
