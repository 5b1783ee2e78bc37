package io.mcpgateway.connectors;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpgateway.tools.GatewayException;

/**
 * The directories a log connection may read, and the confinement of every file name to them.
 *
 * <p>A file name is relative to a root: absolute paths, {@code ..} segments, backslashes,
 * percent signs (encoded forms such as {@code %2e%2e%2f}), control characters and a leading
 * {@code ~} are refused before the file system is touched. The real path of every file (symlinks
 * followed) must still lie inside the root's real path, so a symlink pointing out of the root is
 * refused too. The last segment may be a glob ({@code *.log}). A file comes with its rotations:
 * {@code app.log.1}, {@code app.log.2.gz}, {@code app.log-20240501.gz}, newest first.
 */
final class LogRoots {

    private static final Pattern ROTATION = Pattern.compile("[.-](\\d{1,4}|\\d{8}|\\d{4}-\\d{2}-\\d{2})(\\.gz)?");
    private static final Pattern ROTATED_NAME = Pattern.compile(".+" + ROTATION.pattern());

    private static final System.Logger LOGGER = System.getLogger(LogRoots.class.getName());

    private final String connection;
    private final List<Path> configured;
    private final int maxFiles;

    LogRoots(String connection, List<Path> roots, int maxFiles) {
        this.connection = connection;
        this.configured = List.copyOf(roots);
        this.maxFiles = maxFiles;
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                // not fatal: a volume may be mounted later; calls say what is missing until then
                LOGGER.log(System.Logger.Level.WARNING, "Connection " + connection + ": log root " + r
                        + " does not exist (yet)");
            }
        }
    }

    /** The roots' real paths, resolved at each call so that a root mounted later is found. */
    private List<Path> roots() {
        List<Path> real = new ArrayList<>();
        for (Path r : configured) {
            try {
                real.add(r.toRealPath());
            } catch (IOException e) {
                LOGGER.log(System.Logger.Level.DEBUG, "log root " + r + " unavailable", e);
            }
        }
        if (real.isEmpty()) {
            throw new GatewayException("not_found", "The log directory of connection '" + connection
                    + "' does not exist on the gateway.");
        }
        return real;
    }

    /**
     * The files a request names, each followed by its rotations, newest first.
     *
     * @param file file name or glob relative to a root
     * @return files to read, newest first
     * @throws GatewayException {@code path_refused} or {@code not_found}
     */
    List<Path> series(String file) {
        String f = file.strip();
        if (f.isEmpty() || f.startsWith("/") || f.startsWith("~") || f.contains("\\") || f.contains("%")
                || f.matches("^[A-Za-z]:.*") || f.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw refused(file, "only names relative to the log root are allowed (no absolute paths, "
                    + "backslashes, '%' encodings or control characters)");
        }
        for (String segment : f.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw refused(file, "'.' and '..' segments are not allowed");
            }
        }
        int slash = f.lastIndexOf('/');
        String dir = slash < 0 ? "" : f.substring(0, slash);
        String name = f.substring(slash + 1);
        if (dir.contains("*") || dir.contains("?") || dir.contains("[") || dir.contains("{")) {
            throw refused(file, "wildcards are allowed in the file name only");
        }
        for (Path root : roots()) {
            Path directory = root.resolve(dir).normalize();
            if (!directory.startsWith(root) || !Files.isDirectory(directory)) {
                continue;
            }
            Path realDir = real(directory, file);
            if (!realDir.startsWith(root)) {
                throw refused(file, "it leads out of the log root through a symbolic link");
            }
            List<Path> out = collect(realDir, name, root, file);
            if (!out.isEmpty()) {
                return out.size() > maxFiles ? out.subList(0, maxFiles) : out;
            }
        }
        throw new GatewayException("not_found", "No log file '" + file + "' under the roots of connection '"
                + connection + "'.");
    }

    /**
     * The path of a file as the model may see it: relative to its root.
     *
     * @param file real path
     * @return relative name
     */
    String display(Path file) {
        for (Path root : roots()) {
            if (file.startsWith(root)) {
                return root.relativize(file).toString();
            }
        }
        return file.getFileName().toString();
    }

    private List<Path> collect(Path directory, String name, Path root, String requested) {
        boolean glob = name.contains("*") || name.contains("?") || name.contains("[") || name.contains("{");
        PathMatcher matcher = glob ? FileSystems.getDefault().getPathMatcher("glob:" + name) : null;
        List<Path> current = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                all.add(p);
            }
        } catch (IOException e) {
            throw new GatewayException("not_found", "The log directory of '" + requested + "' cannot be read.", e);
        }
        for (Path p : all) {
            String n = p.getFileName().toString();
            if (glob ? matcher.matches(p.getFileName()) && !ROTATED_NAME.matcher(n).matches() : n.equals(name)) {
                current.add(p);
            }
        }
        current.sort(Comparator.comparing(Path::toString));
        List<Path> out = new ArrayList<>();
        for (Path c : current) {
            out.add(checked(c, root, requested));
            String base = c.getFileName().toString();
            List<Rotation> rotations = new ArrayList<>();
            for (Path p : all) {
                String n = p.getFileName().toString();
                Matcher m = ROTATION.matcher(n.substring(Math.min(base.length(), n.length())));
                if (n.length() > base.length() && n.startsWith(base) && m.matches()) {
                    rotations.add(new Rotation(p, m.group(1)));
                }
            }
            rotations.sort(null);
            for (Rotation r : rotations) {
                out.add(checked(r.file(), root, requested));
            }
        }
        return out;
    }

    private Path checked(Path p, Path root, String requested) {
        Path real = real(p, requested);
        if (!real.startsWith(root)) {
            throw refused(requested, "it leads out of the log root through a symbolic link");
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(requested, "it is not a regular file");
        }
        return real;
    }

    private Path real(Path p, String requested) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new GatewayException("not_found", "No log file '" + requested + "' under the roots of connection '"
                    + connection + "'.", e);
        }
    }

    /** A rotated file; numbered ones sort by number (1 is newest), dated ones newest date first, after them. */
    private record Rotation(Path file, String key) implements Comparable<Rotation> {
        @Override
        public int compareTo(Rotation o) {
            boolean number = key.length() <= 4;
            boolean otherNumber = o.key.length() <= 4;
            if (number && otherNumber) {
                return Integer.compare(Integer.parseInt(key), Integer.parseInt(o.key));
            }
            if (number != otherNumber) {
                return number ? -1 : 1;
            }
            return o.key.compareTo(key);
        }
    }

    private GatewayException refused(String file, String why) {
        return new GatewayException("path_refused", "Log file '" + file + "' refused on connection '" + connection
                + "': " + why + ".");
    }
}
