package io.voucherifycamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder laid out and updated exactly as kubelet's atomic writer does for a ConfigMap volume: the
 * files live in a hidden timestamped folder, {@code ..data} is a symlink to it, and each visible file
 * is a symlink {@code name -> ..data/name}. An update writes a new timestamped folder, points a
 * temporary symlink at it, renames that over {@code ..data} (the one atomic step), adds or removes the
 * visible symlinks of added or removed keys, and deletes the old folder. The visible symlinks of
 * unchanged keys are never touched: a watcher of file events on them sees nothing.
 */
public final class ConfigMapVolume {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.SSSSSSSSS");
    private final Path root;
    private int updates;

    public ConfigMapVolume(Path root, Map<String, String> files) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        update(files);
    }

    public Path root() {
        return root;
    }

    /** Replaces the volume's content with these files (name → content), the way kubelet does. */
    public synchronized void update(Map<String, String> files) {
        try {
            Path data = root.resolve("..data");
            Path old = Files.isSymbolicLink(data) ? root.resolve(Files.readSymbolicLink(data)) : null;
            Set<String> before = visible();
            // 1. a new timestamped folder with every file
            Path stamped = root.resolve(LocalDateTime.now().format(STAMP) + (updates++));
            Files.createDirectory(stamped);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(stamped.resolve(file.getKey()), file.getValue());
            }
            // 2. ..data_tmp -> the new folder, 3. renamed over ..data: the atomic switch
            Path temporary = root.resolve("..data_tmp");
            Files.createSymbolicLink(temporary, stamped.getFileName());
            Files.move(temporary, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            // 4. visible symlinks for added keys, none for removed ones
            for (String name : files.keySet()) {
                if (!before.contains(name)) {
                    Files.createSymbolicLink(root.resolve(name), Path.of("..data", name));
                }
            }
            for (String name : before) {
                if (!files.containsKey(name)) {
                    Files.delete(root.resolve(name));
                }
            }
            // 5. the old folder goes
            if (old != null) {
                try (Stream<Path> walk = Files.walk(old)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> visible() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".."))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }
}
