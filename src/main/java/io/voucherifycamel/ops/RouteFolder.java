package io.voucherifycamel.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.RouteConfigurationsBuilder;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.quarkus.main.events.BeforeStart;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The YAML routes of {@code voucherify.routes-dir}: loaded before Camel starts (a broken file stops the
 * start-up), then watched while the product runs. Every few seconds each {@code *.yaml} is read
 * through its symlinks and hashed, so an edit is seen however it was made — including Kubernetes'
 * ConfigMap update, which swaps a {@code ..data} symlink and never touches the visible files (a
 * file-event watcher misses it). A changed file's routes are replaced, a new file's added, a deleted
 * file's stopped and removed; a file that does not load is refused and the routes it defined before
 * keep serving. Unlike Camel's own reload, this also (re)creates {@code templatedRoute} entries.
 * The hash of the loaded set is logged and exposed as {@code voucherify_routes_info{hash}}, so an
 * operator sees which version each instance runs.
 */
@ApplicationScoped
public class RouteFolder {

    private static final Logger LOG = Logger.getLogger(RouteFolder.class);
    private static final String PATTERN = "*.yaml";

    private final CamelContext camel;
    private final MeterRegistry registry;
    private final Path folder;
    private final Duration interval;
    /** What is serving, by file name. */
    private final Map<String, Loaded> loaded = new TreeMap<>();
    /** The hash last seen per file, loaded or refused, so a refused file is not tried again until it changes. */
    private final Map<String, String> seen = new TreeMap<>();
    private final Counter reloads;
    private final Counter failures;
    private Gauge hashGauge;
    private volatile String hash = "";

    RouteFolder(CamelContext camel, MeterRegistry registry, @ConfigProperty(name = "voucherify.routes-dir") Path folder,
            @ConfigProperty(name = "voucherify.routes-poll-interval") Duration interval) {
        this.camel = camel;
        this.registry = registry;
        this.folder = folder.toAbsolutePath();
        this.interval = interval;
        this.reloads = Counter.builder("voucherify.routes.reloads")
                .description("Route files loaded again, added or removed while running").register(registry);
        this.failures = Counter.builder("voucherify.routes.reload.failures")
                .description("Route files refused; the routes they defined before kept serving").register(registry);
    }

    // BeforeStart: the Java routes and templates exist, and the YAML routes start with the others
    synchronized void load(@Observes BeforeStart event) throws Exception {
        for (Map.Entry<String, byte[]> file : read().entrySet()) {
            try {
                add(file.getKey(), file.getValue());
            } catch (Exception e) {
                throw new IllegalStateException("Route file " + folder.resolve(file.getKey()) + " cannot be loaded: " + firstLine(e), e);
            }
        }
        publishHash();
    }

    void watch(@Observes AfterStart event) {
        ScheduledExecutorService scheduler = camel.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "voucherify-route-folder");
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The hash of the route files serving now (first 12 hex digits of a SHA-256). */
    public String hash() {
        return hash;
    }

    synchronized void check() {
        try {
            Map<String, byte[]> files = read();
            boolean changed = false;
            for (String name : List.copyOf(seen.keySet())) {
                if (!files.containsKey(name)) {
                    seen.remove(name);
                    changed |= removeFile(name);
                }
            }
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String fileHash = sha256(file.getValue());
                if (!fileHash.equals(seen.get(file.getKey()))) {
                    seen.put(file.getKey(), fileHash);
                    changed |= replace(file.getKey(), file.getValue());
                }
            }
            if (changed) {
                publishHash();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Reading the route folder %s failed (%s); trying again", folder, firstLine(e));
        }
    }

    private boolean replace(String name, byte[] content) {
        try {
            parse(name, content);
        } catch (Exception e) {
            // refused before anything serving was touched
            failures.increment();
            LOG.errorf("Route file %s was refused and the routes it defined before keep serving: %s", name, firstLines(e));
            return false;
        }
        Loaded previous = loaded.remove(name);
        Set<String> others = routeIds();
        try {
            if (previous != null) {
                others.removeAll(previous.routeIds());
                remove(previous.routeIds());
            }
            add(name, content);
            reloads.increment();
            LOG.infof("Route file %s %s: routes %s", name, previous == null ? "added" : "reloaded", loaded.get(name).routeIds());
            return true;
        } catch (Exception e) {
            failures.increment();
            // take out whatever the refused file created, and bring its previous routes back
            Set<String> partial = routeIds();
            partial.removeAll(others);
            remove(partial);
            if (previous != null) {
                try {
                    add(name, previous.content());
                } catch (Exception restore) {
                    LOG.errorf("Route file %s: restoring its previous routes failed too: %s", name, firstLine(restore));
                }
            }
            seen.put(name, sha256(content)); // not tried again until it changes
            LOG.errorf("Route file %s was refused and the routes it defined before keep serving: %s", name, firstLines(e));
            return previous != null;
        }
    }

    private boolean removeFile(String name) {
        Loaded previous = loaded.remove(name);
        if (previous == null) {
            return false; // it had been refused: nothing of it is serving
        }
        remove(previous.routeIds());
        reloads.increment();
        LOG.infof("Route file %s was deleted: routes %s stopped and removed", name, previous.routeIds());
        return true;
    }

    /** Reads a file's definitions without adding them: a YAML or DSL mistake shows here. */
    private void parse(String name, byte[] content) throws Exception {
        for (RoutesBuilder builder : builders(name, content)) {
            if (builder instanceof RouteBuilder routes) {
                routes.setCamelContext(camel);
                routes.configure();
            }
        }
    }

    private Collection<RoutesBuilder> builders(String name, byte[] content) throws Exception {
        return PluginHelper.getRoutesLoader(camel)
                .findRoutesBuilders(List.of(ResourceHelper.fromBytes("file:" + folder.resolve(name), content)));
    }

    private void add(String name, byte[] content) throws Exception {
        Set<String> before = routeIds();
        Collection<RoutesBuilder> builders = builders(name, content);
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteConfigurationsBuilder configurations) {
                configurations.updateRouteConfigurationsToCamelContext(camel);
            }
        }
        for (RoutesBuilder builder : builders) {
            camel.addRoutes(builder);
            // templatedRoute entries are a separate step of Camel's (its own reload skips it)
            builder.addTemplatedRoutesToCamelContext(camel);
        }
        Set<String> ids = routeIds();
        ids.removeAll(before);
        loaded.put(name, new Loaded(content, ids));
        seen.put(name, sha256(content));
    }

    private void remove(Set<String> routeIds) {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (String id : routeIds) {
            try {
                camel.getRouteController().stopRoute(id);
                RouteDefinition definition = model.getRouteDefinition(id);
                if (definition != null) {
                    model.removeRouteDefinition(definition);
                }
                if (camel.getRoute(id) != null) {
                    camel.removeRoute(id);
                }
            } catch (Exception e) {
                LOG.warnf("Could not remove route %s: %s", id, firstLine(e));
            }
        }
    }

    private Map<String, byte[]> read() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> yaml = Files.newDirectoryStream(folder, PATTERN)) {
            for (Path file : yaml) {
                // a ConfigMap's visible files are symlinks into ..data: read through them
                if (Files.isRegularFile(file)) {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private void publishHash() {
        String set = loaded.entrySet().stream().map(file -> file.getKey() + ":" + sha256(file.getValue().content()))
                .collect(Collectors.joining("\n"));
        String newHash = sha256(set.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        if (newHash.equals(hash)) {
            return;
        }
        hash = newHash;
        if (hashGauge != null) {
            registry.remove(hashGauge);
        }
        hashGauge = Gauge.builder("voucherify.routes.info", () -> 1).tag("hash", newHash)
                .description("The route files serving now, by the hash of their contents").register(registry);
        LOG.infof("Routes from %s serving: %s, hash %s", folder, loaded.keySet(), newHash);
    }

    /** The ids of every route defined, started or not (before Camel starts, none is started yet). */
    private Set<String> routeIds() {
        return camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions().stream()
                .map(RouteDefinition::getRouteId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String firstLine(Throwable e) {
        return message(e).lines().findFirst().orElse("");
    }

    /** A parser's message says what and where on its first lines (YAML: the problem, then the line and column). */
    private static String firstLines(Throwable e) {
        return message(e).lines().map(String::strip).filter(line -> !line.isEmpty()).limit(4)
                .collect(Collectors.joining(" / "));
    }

    private static String message(Throwable e) {
        Throwable deepest = e;
        for (int depth = 0; deepest.getCause() != null && deepest.getCause() != deepest && depth < 20; depth++) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
    }

    private record Loaded(byte[] content, Set<String> routeIds) {
    }
}
