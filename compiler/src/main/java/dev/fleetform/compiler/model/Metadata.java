package dev.fleetform.compiler.model;

import java.util.List;

public record Metadata(String name, List<String> owners) {
}
