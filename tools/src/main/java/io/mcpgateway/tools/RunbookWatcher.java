package io.mcpgateway.tools;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps the runbooks of a directory current: edits are picked up without a restart, and an
 * invalid edit keeps the last good set while {@link #status()} says why.
 *
 * <p>The directory is watched with the platform's file events and, as a fallback for file
 * systems without them, checked every {@code poll-interval}. A burst of events (an editor's
 * save, a config-map swap) is settled for {@code debounce} before reading. A reload that finds the
 * files unchanged (same names and bytes) does nothing; one that finds them changed and valid swaps
 * the whole set at once and tells the listeners.
 */
public final class RunbookWatcher implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(RunbookWatcher.class.getName());

    private final Path directory;
    private final RunbookLoader loader;
    private final Duration debounce;
    private final Duration pollInterval;
    private final Clock clock;
    private final List<BiConsumer<Runbooks, Runbooks>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private volatile Runbooks current;
    private volatile Status status;
    private String fingerprint;
    private Thread thread;
    private WatchService watch;
    private volatile boolean closed;

    private RunbookWatcher(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.loader = b.loader;
        this.debounce = b.debounce;
        this.pollInterval = b.pollInterval;
        this.clock = b.clock;
        this.fingerprint = fingerprint();
        this.current = loader.load(directory);
        this.status = new Status(clock.instant(), current.tools().size(), null, List.of());
    }

    /**
     * A builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The current, last good set.
     *
     * @return runbooks
     */
    public Runbooks current() {
        return current;
    }

    /**
     * What the last reload did.
     *
     * @return status
     */
    public Status status() {
        return status;
    }

    /**
     * Registers a listener called with the previous and the new set after each successful change.
     *
     * @param listener listener; called on the watcher's thread (or the caller of {@link #reload()})
     */
    public void onChange(BiConsumer<Runbooks, Runbooks> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads the directory now.
     *
     * @return true when a changed, valid set was installed
     */
    public boolean reload() {
        Runbooks previous;
        Runbooks next;
        synchronized (lock) {
            String now = fingerprint();
            if (now.equals(fingerprint)) {
                return false;
            }
            fingerprint = now;
            RunbookLoader.Loaded loaded = loader.read(directory);
            if (!loaded.problems().isEmpty()) {
                status = new Status(status.loadedAt(), status.tools(), clock.instant(), loaded.problems());
                LOGGER.log(System.Logger.Level.WARNING, "Runbook change in " + directory + " refused; still serving the "
                        + status.tools() + " tool(s) loaded at " + status.loadedAt() + ":\n  "
                        + String.join("\n  ", loaded.problems().stream().map(RunbookProblem::toString).toList()));
                return false;
            }
            previous = current;
            next = loaded.runbooks();
            current = next;
            status = new Status(clock.instant(), next.tools().size(), null, List.of());
        }
        LOGGER.log(System.Logger.Level.INFO, "Runbooks reloaded from " + directory + ": " + next.tools().size()
                + " tool(s)");
        for (BiConsumer<Runbooks, Runbooks> l : listeners) {
            try {
                l.accept(previous, next);
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.ERROR, "A runbook change listener failed", e);
            }
        }
        return true;
    }

    /**
     * Starts watching the directory on a background thread (once).
     *
     * @throws IllegalStateException when the directory cannot be watched
     */
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        try {
            watch = FileSystems.getDefault().newWatchService();
            directory.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot watch the runbook directory " + directory, e);
        }
        thread = new Thread(this::run, "runbook-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                WatchKey key = watch.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    settle(key);
                }
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOGGER.log(System.Logger.Level.ERROR, "Runbook reload failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains a burst of events until the directory has been quiet for the debounce time. */
    private void settle(WatchKey key) throws InterruptedException {
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = watch.poll(debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** File names and content digests: a reload with the same fingerprint has nothing to do. */
    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : RunbookLoader.files(directory)) {
                digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            // unreadable now: a distinct value so the next readable state is loaded (and reported)
            return "unreadable:" + clock.millis();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (watch != null) {
                try {
                    watch.close();
                } catch (IOException e) {
                    LOGGER.log(System.Logger.Level.DEBUG, "Closing the runbook watch failed", e);
                }
            }
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    /**
     * What the watcher serves and what its last attempt found.
     *
     * @param loadedAt when the current set was loaded
     * @param tools    how many tools it has
     * @param failedAt when the last refused change was seen, or {@code null} when the last change loaded
     * @param problems why that change was refused, empty when it was not
     */
    public record Status(Instant loadedAt, int tools, Instant failedAt, List<RunbookProblem> problems) {
        /**
         * Copies the problems.
         *
         * @param loadedAt load time
         * @param tools    tool count
         * @param failedAt failure time or null
         * @param problems problems
         */
        public Status {
            problems = List.copyOf(problems);
        }

        /**
         * Whether the files on disk are the ones being served.
         *
         * @return false when the last change was refused
         */
        public boolean current() {
            return problems.isEmpty();
        }
    }

    /**
     * Configures a {@link RunbookWatcher}.
     */
    public static final class Builder {
        private Path directory;
        private RunbookLoader loader = new RunbookLoader();
        private Duration debounce = Duration.ofMillis(300);
        private Duration pollInterval = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** @param v the runbook directory @return this */
        public Builder directory(Path v) {
            directory = v;
            return this;
        }

        /** @param v the loader (with the gateway's connections and statement check) @return this */
        public Builder loader(RunbookLoader v) {
            loader = Objects.requireNonNull(v, "loader");
            return this;
        }

        /**
         * @param v how long a burst of file events must be quiet before reading, 10ms..10s
         * @return this
         */
        public Builder debounce(Duration v) {
            if (v.toMillis() < 10 || v.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("tools-reload.debounce must be between 10ms and 10s, got " + v);
            }
            debounce = v;
            return this;
        }

        /**
         * @param v how often the directory is checked without a file event, 100ms..1h
         * @return this
         */
        public Builder pollInterval(Duration v) {
            if (v.toMillis() < 100 || v.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("tools-reload.poll-interval must be between 100ms and 1h, got " + v);
            }
            pollInterval = v;
            return this;
        }

        /** @param v clock for status times @return this */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /**
         * Loads the directory once and builds the watcher (not yet watching: see {@link RunbookWatcher#start()}).
         *
         * @return watcher
         * @throws RunbookException when the runbooks are invalid at start
         */
        public RunbookWatcher build() {
            return new RunbookWatcher(this);
        }
    }
}
