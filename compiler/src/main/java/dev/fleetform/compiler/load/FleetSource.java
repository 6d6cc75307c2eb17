package dev.fleetform.compiler.load;

import java.util.List;

/**
 * Where fleet files come from: a directory on disk, or (later) a git revision. Paths are relative
 * to the source's root, with forward slashes; a source never reads outside its root.
 */
public interface FleetSource {

    /**
     * The bytes of a regular file; a file larger than {@code maxBytes} is refused with
     * {@link FleetSourceException.Problem#TOO_LARGE} before it is read.
     */
    byte[] read(String path, long maxBytes) throws FleetSourceException;

    /**
     * Regular files matching a glob ({@code *}, {@code ?}, {@code [..]} within a segment,
     * {@code **} across segments), relative to the root, sorted.
     */
    List<String> glob(String pattern) throws FleetSourceException;

    /** How messages name the file, e.g. {@code fleet-repo-example/hosts/a.yaml}. */
    String displayName(String path);
}
