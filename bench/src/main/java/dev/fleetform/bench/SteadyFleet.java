package dev.fleetform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code SteadyFleet LAB_FLEET MINERS OUT}: the fleet of {@code bench/steady.sh}. The lab's hosts
 * (lab/up's fleet.yaml: their addresses, SSH settings and baseline, kept as they are) become the
 * nodes of a Kubernetes pool (cluster {@code bench}, pool {@code cpu-miners}) that runs MINERS
 * miners, as in {@link SyntheticFleet}: so one fleet has both families, the hosts reached over SSH
 * in the lab and a Kubernetes set of about 2,000 objects for {@link MockCluster}. The hosts are
 * declared with 64 cores so that the miners fit; hardware is the fleet's word, never probed.
 */
public final class SteadyFleet {
    private SteadyFleet() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SteadyFleet LAB_FLEET MINERS OUT");
            System.exit(2);
        }
        Files.writeString(Path.of(args[2]), of(Files.readString(Path.of(args[0])), Integer.parseInt(args[1])), StandardCharsets.UTF_8);
    }

    static String of(String labFleet, int miners) throws IOException {
        // every string quoted, as lab/up writes them: a sysctl value stays the string "4096"
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        ObjectNode fleet = (ObjectNode) yaml.readTree(labFleet);
        int cores = 0;
        for (var h : fleet.withArray("hosts")) {
            ObjectNode host = (ObjectNode) h;
            host.putArray("roles").add("k8s-worker");
            host.withObject("labels").put("pool", "cpu-miners");
            ObjectNode hardware = host.withObject("hardware");
            hardware.withObject("cpu").put("cores", 64);
            hardware.put("memoryGiB", 256);
            cores += 64;
        }
        ObjectNode pool = yaml.createObjectNode();
        pool.put("name", "cpu-miners");
        pool.putObject("nodes").<ArrayNode>withArray("roles").add("k8s-worker");
        pool.withObject("labels").put("fleetform.dev/pool", "cpu-miners");
        ObjectNode taint = pool.putArray("taints").addObject();
        taint.put("key", "dedicated").put("value", "miners").put("effect", "NoSchedule");
        pool.put("gpuWorkload", "container");
        ObjectNode cluster = fleet.putObject("kubernetes").putArray("clusters").addObject();
        cluster.put("name", "bench").put("context", "bench-admin");
        cluster.putArray("pools").add(pool);
        StringWriter out = new StringWriter();
        out.write("# Written by bench/.../SteadyFleet from lab/up's fleet: its hosts as the nodes of a pool of miners.\n");
        out.write(yaml.writeValueAsString(fleet));
        SyntheticFleet.miners(out, miners, cores * 60 / 100);
        return out.toString();
    }
}
