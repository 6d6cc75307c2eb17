package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

public record Disk(String name, String device, long sizeGiB, Media media, Origin origin) {
}
