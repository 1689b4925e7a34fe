package io.voucherifycamel.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.quarkus.main.events.AfterStart;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceReloadStrategySupport;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Completes Camel's live reload of {@code routes/*.yaml}: stops and removes the routes of a file that
 * was deleted (Camel keeps them running), says plainly when an edited file was refused, and counts
 * reloads and refusals as {@code voucherify_routes_reloads_total} / {@code voucherify_routes_reload_failures_total}.
 */
@ApplicationScoped
public class RouteFiles {

    private static final Logger LOG = Logger.getLogger(RouteFiles.class);
    private static final String FILE = "file:";

    private final CamelContext camel;
    private final MeterRegistry registry;
    private final AtomicInteger failuresSeen = new AtomicInteger();
    private ResourceReloadStrategySupport reload;

    RouteFiles(CamelContext camel, MeterRegistry registry) {
        this.camel = camel;
        this.registry = registry;
    }

    void watch(@Observes AfterStart event) {
        reload = camel.hasService(ResourceReloadStrategySupport.class);
        if (reload == null) {
            return; // live reload switched off
        }
        FunctionCounter.builder("voucherify.routes.reloads", reload, ResourceReloadStrategySupport::getReloadCounter)
                .description("Route files loaded again after an edit").register(registry);
        FunctionCounter.builder("voucherify.routes.reload.failures", reload, ResourceReloadStrategySupport::getFailedCounter)
                .description("Edited route files refused; the previous routes kept serving").register(registry);
        ScheduledExecutorService scheduler = camel.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "voucherify-route-files");
        scheduler.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            reportRefusals();
            removeRoutesOfDeletedFiles();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Checking the route files failed; trying again");
        }
    }

    private void reportRefusals() {
        int failures = reload.getFailedCounter();
        if (failures > failuresSeen.getAndSet(failures)) {
            Exception error = reload.getLastError();
            LOG.errorf("A route file was refused and the routes it defined before keep serving: %s",
                    error == null ? "see the warning above" : firstLine(error.getMessage()));
        }
    }

    private void removeRoutesOfDeletedFiles() {
        for (Route route : List.copyOf(camel.getRoutes())) {
            Resource source = route.getSourceResource();
            if (source == null || source.getLocation() == null || !source.getLocation().startsWith(FILE)) {
                continue;
            }
            Path file = Path.of(source.getLocation().substring(FILE.length()));
            if (!Files.exists(file)) {
                try {
                    camel.getRouteController().stopRoute(route.getRouteId());
                    camel.removeRoute(route.getRouteId());
                    LOG.infof("Route file %s was deleted: route %s stopped and removed", file, route.getRouteId());
                } catch (Exception e) {
                    LOG.warnf(e, "Could not remove route %s of deleted file %s", route.getRouteId(), file);
                }
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
