package dev.fleetform.compiler.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetform.compiler.diag.Diagnostics;
import dev.fleetform.compiler.diag.Location;
import java.nio.file.Path;

/**
 * Loads fleet.yaml and its includes into one Jackson tree and a {@link SourceMap}. Every problem
 * becomes a located diagnostic (never an exception), and problems of all files are reported in
 * one run.
 */
public final class FleetLoader {

    private final FleetSource source;
    private final Diagnostics out;
    private final LocationTable table = new LocationTable();

    private FleetLoader(FleetSource source, Diagnostics out) {
        this.source = source;
        this.out = out;
    }

    /** Loads {@code path} (relative to the source's root) and the files it includes. */
    public static LoadedDocument load(FleetSource source, String path, Diagnostics out) {
        return new FleetLoader(source, out).loadMain(path);
    }

    /** Loads a fleet file on disk; messages name files as the user gave this path. */
    public static LoadedDocument load(Path fleetFile, Diagnostics out) {
        Path dir = fleetFile.getParent();
        FleetSource source = new FileSystemSource(dir == null ? Path.of("") : dir);
        return load(source, fleetFile.getFileName().toString(), out);
    }

    private LoadedDocument loadMain(String path) {
        YamlTreeReader.Result main = parse(path, false);
        if (main.root() instanceof ObjectNode root && root.has(Includes.KEY)) {
            new Includes(source, path, table, out, this::parseIncluded).merge(root);
        }
        table.trim();
        return new LoadedDocument(main.root(), table);
    }

    private YamlTreeReader.Result parseIncluded(String path) {
        return parse(path, true);
    }

    /** Reads, decodes and parses one file; the first file parsed gets the table's root node. */
    private YamlTreeReader.Result parse(String path, boolean included) {
        int file = table.addFile(source.displayName(path));
        String name = table.file(file);
        byte[] bytes;
        try {
            bytes = source.read(path, YamlTreeReader.MAX_BYTES);
        } catch (FleetSourceException e) {
            report(e, name, included);
            return new YamlTreeReader.Result(null, table.newNode(file, 1, 1));
        }
        if (bytes.length > YamlTreeReader.MAX_BYTES) { // a source that ignored maxBytes
            report(new FleetSourceException(FleetSourceException.Problem.TOO_LARGE, path, bytes.length + " bytes"), name, included);
            return new YamlTreeReader.Result(null, table.newNode(file, 1, 1));
        }
        String text = SourceText.decode(bytes, name, out);
        if (text == null) return new YamlTreeReader.Result(null, table.newNode(file, 1, 1));
        table.setText(file, text);
        return YamlTreeReader.read(text, table, file, out);
    }

    private void report(FleetSourceException e, String name, boolean included) {
        Location at = Location.ofFile(name);
        switch (e.problem()) {
            case MISSING -> out.error("FILE-NOT-FOUND", at, "no such file",
                    included ? null : "check the path; it is relative to the current directory");
            case DIRECTORY -> out.error("FILE-NOT-REGULAR", at, "is a directory, not a fleet file",
                    "give the path of the fleet.yaml file inside it");
            case NOT_REGULAR -> out.error("FILE-NOT-REGULAR", at, e.getMessage(), "give the path of a regular YAML file");
            case OUTSIDE_ROOT -> out.error(included ? "INCLUDE-PATH" : "FILE-UNREADABLE", at, e.getMessage(),
                    "keep included files inside the directory of fleet.yaml");
            case TOO_LARGE -> out.error("YAML-TOO-LARGE", at,
                    "the file is " + e.getMessage() + "; a fleet file may be at most 16 MiB",
                    "split the hosts into included files (include: [hosts/*.yaml])");
            case UNREADABLE -> out.error("FILE-UNREADABLE", at, "cannot read the file: " + e.getMessage(), null);
        }
    }
}
