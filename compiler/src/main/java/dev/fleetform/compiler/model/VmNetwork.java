package dev.fleetform.compiler.model;

import dev.fleetform.compiler.diag.Origin;

/** @param address the VM's IP, or null when it gets one by DHCP */
public record VmNetwork(String bridge, String address, Origin origin) {
}
