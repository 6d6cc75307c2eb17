package dev.fleetform.compiler.model;

import java.util.List;

public record Dns(List<String> nameservers, List<String> search) {
}
