package dev.fleetform.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code drift} and {@code apply} share: the fleet, what to look at, how to reach it, how to print. */
final class ReconcileOptions {
    enum Format { text, json, markdown }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "fleet.yaml",
            description = "the fleet file (default: ${DEFAULT-VALUE}); approvals.yaml is read beside it")
    Path file;

    @Option(names = "--target", paramLabel = "PREFIX",
            description = "only addresses starting with PREFIX, segment by segment (k8s, k8s/prod, host, host/gpu-01); repeatable")
    List<String> targets = new ArrayList<>();

    @Option(names = "--approve", paramLabel = "ADDRESS", description = "approve the destructive change at ADDRESS, besides approvals.yaml (repeatable)")
    List<String> approve = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown; default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--kubeconfig", paramLabel = "PATH",
            description = "kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config; in a pod, its service account); each cluster's context: from fleet.yaml")
    Path kubeconfig;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "templates that shadow the built-in ones, as compile --templates takes them: a folder beside fleet.yaml")
    String templates;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "50",
            description = "targets (hosts over SSH, clusters) observed and applied at once; the others wait their turn in the fleet's order, so --max-fail can stop them (default ${DEFAULT-VALUE})")
    int parallel;

    /** What picocli's types do not say: a usage error (exit 64) naming the option. */
    void check(CommandLine cl) {
        if (parallel < 1) throw new CommandLine.ParameterException(cl, "--parallel is at least 1, not " + parallel);
    }
}
