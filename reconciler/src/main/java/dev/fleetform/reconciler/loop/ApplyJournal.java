package dev.fleetform.reconciler.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleetform.changes.ResourceChange;
import dev.fleetform.reconciler.engine.Outcome;
import dev.fleetform.reconciler.engine.StepJournal;
import dev.fleetform.reconciler.engine.Target;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The loop's apply journal: one file in the cache dir, beside the repository's mirror, in which
 * every approved destructive step is recorded before it runs ({@code intent}: the commit, the
 * address, the live state it was approved against) and after ({@code done}, or {@code not-run}
 * when the provider refused it before writing). One JSON object a line, each appended and
 * fsynced before the step goes on, so a process killed at any point finds on restart:
 * <ul>
 *   <li>{@code done} at this commit: the approval was used; the step is never repeated, even if the
 *       live state again looks as if it needed one (a fresh filesystem, a re-made object);</li>
 *   <li>an {@code intent} without an end, and the address now in sync: the step finished before
 *       the process died; it is closed as done;</li>
 *   <li>an {@code intent} without an end, and the live state as it was: the step never started (or
 *       failed without effect); it runs;</li>
 *   <li>an {@code intent} without an end, and the live state moved elsewhere: something happened
 *       that this run cannot tell; the approval counts as used and the change waits for a person.</li>
 * </ul>
 * An approval is consumed once per (commit, address): a new commit that still lists it approves
 * again. A line cut short by the kill is dropped; a journal that cannot be read or written holds
 * back every destructive step, saying why.
 */
public final class ApplyJournal {
    static final String SUFFIX = ".apply-journal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // by commit + " " + address, latest record
    private String broken; // why destructive steps are held back, or null

    /** The latest record of one (commit, address). */
    record Entry(String commit, String address, String event, String live, long run, String at) {
        boolean open() {
            return event.equals("intent");
        }
    }

    private ApplyJournal(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The journal of the repository {@code url} under {@code cacheDir} (made when missing). */
    static ApplyJournal open(Path cacheDir, String url, Clock clock) {
        return open(cacheDir.resolve(GitMirror.folder(url).replace(".git", SUFFIX)), clock);
    }

    static ApplyJournal open(Path file, Clock clock) {
        ApplyJournal j = new ApplyJournal(file, clock);
        try {
            j.load();
        } catch (IOException | RuntimeException e) {
            j.broken = "the apply journal " + file + " cannot be read (" + e.getMessage() + "): destructive changes wait until it can"
                    + " (it records which ran; do not delete it while one may have been interrupted)";
        }
        return j;
    }

    Path file() {
        return file;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') end--;
        if (end < bytes.length) {
            // the last line was cut short by a kill during its write: it never counted (its step had not started)
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
        int n = 0;
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            n++;
            if (line.isBlank()) continue;
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException("line " + n + " is not JSON: " + e.getOriginalMessage(), e);
            }
            Entry e = new Entry(text(o, "commit", n), text(o, "address", n), text(o, "event", n), o.path("live").asText(null),
                    o.path("run").asLong(), o.path("at").asText(""));
            entries.put(e.commit() + " " + e.address(), e);
        }
    }

    private static String text(JsonNode o, String key, int line) throws IOException {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) throw new IOException("line " + line + " has no " + key);
        return v.asText();
    }

    /** The journal as one run of {@code commit} sees it. */
    StepJournal at(String commit, long run) {
        return new StepJournal() {
            @Override
            public String begin(ResourceChange change, String liveVersion) {
                return ApplyJournal.this.begin(commit, run, change, liveVersion);
            }

            @Override
            public void end(ResourceChange change, Outcome outcome) {
                ApplyJournal.this.end(commit, run, change, outcome);
            }

            @Override
            public Set<String> open(String target) {
                return ApplyJournal.this.open(target);
            }

            @Override
            public void effectLive(String address) {
                ApplyJournal.this.effectLive(run, address);
            }
        };
    }

    private synchronized String begin(String commit, long run, ResourceChange change, String live) {
        if (broken != null) return broken;
        String address = change.address().text();
        Entry e = entries.get(commit + " " + address);
        String shortSha = commit.substring(0, Math.min(7, commit.length()));
        if (e != null && e.event().equals("done")) {
            return "its approval in approvals.yaml at commit " + shortSha + " was used by run " + e.run() + " (" + e.at()
                    + "): a destructive change runs once per approval, and is not repeated when the live state looks as if it needed"
                    + " it again; check " + address + ", then approve it again in a new commit to run it once more";
        }
        if (e != null && e.open() && !live.equals(e.live())) {
            append(commit, address, "done", live, run, "interrupted; the live state moved since");
            return "a destructive step on it was begun by run " + e.run() + " (" + e.at() + ") and interrupted, and the live state"
                    + " has changed since: it is not repeated (its approval counts as used); check " + address
                    + ", then approve it again in a new commit to run it once more";
        }
        // never begun at this commit, refused before writing, or begun and found as it was: it runs
        String fault = append(commit, address, "intent", live, run, change.action().jsonName());
        return fault;
    }

    private synchronized void end(String commit, long run, ResourceChange change, Outcome outcome) {
        String address = change.address().text();
        Entry e = entries.get(commit + " " + address);
        if (e == null || !e.open()) return;
        switch (outcome) {
            case Outcome.Applied a -> append(commit, address, "done", null, run, "applied");
            // refused or blocked by the provider before it wrote anything: the approval stays unused
            case Outcome.Refused r -> append(commit, address, "not-run", null, run, r.why());
            case Outcome.Blocked b -> append(commit, address, "not-run", null, run, b.why());
            // failed: it may have written part; the intent stays, and the next run compares the live state
            case Outcome.Failed f -> {
            }
        }
    }

    private synchronized Set<String> open(String target) {
        Set<String> out = new LinkedHashSet<>();
        for (Entry e : entries.values()) if (e.open() && Target.within(e.address(), target)) out.add(e.address());
        return out;
    }

    private synchronized void effectLive(long run, String address) {
        for (Entry e : java.util.List.copyOf(entries.values())) {
            if (e.open() && e.address().equals(address)) append(e.commit(), address, "done", null, run, "found in sync: it had finished");
        }
    }

    /** Appends one record and fsyncs it; null when it is durable, else why the step may not go on. */
    private String append(String commit, String address, String event, String live, long run, String note) {
        if (broken != null) return broken;
        ObjectNode o = JSON.createObjectNode();
        o.put("event", event).put("commit", commit).put("address", address);
        if (live != null) o.put("live", live);
        o.put("run", run).put("at", clock.instant().toString()).put("note", note);
        byte[] line = (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            boolean made = !Files.exists(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            if (made) syncDirectory(file.getParent()); // the new file's name is durable too
        } catch (IOException e) {
            broken = "the apply journal " + file + " cannot be written (" + e.getMessage() + "): destructive changes wait until it can";
            return broken;
        }
        entries.put(commit + " " + address, new Entry(commit, address, event, live, run, o.path("at").asText()));
        return null;
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
