package io.voucherifycamel.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import io.voucherifycamel.event.GiftBalanceAddedData;
import io.voucherifycamel.event.Voucher;
import io.voucherifycamel.event.WebhookEvent;
import io.voucherifycamel.headers.VoucherifyHeaders;
import io.voucherifycamel.signature.SignatureVerifier;

/**
 * An application of this extension and one route, and nothing else: no quarkus.index-dependency
 * property, no @RegisterForReflection. The type converter must be found, and the build must register
 * the model (and nothing outside it) and the component's Kamelets for a native image.
 */
class VoucherifyExtensionTest {

    /** The seed event, a real customer.voucher.gift.balance_added; Surefire runs in extension/deployment. */
    private static final Path SEED = Path.of("..", "..", "src", "tools", "seed-event.json");

    // The build runs in another class loader than the test methods: what it registered is handed over
    // through system properties, which both see
    private static final String REFLECTIVE = "voucherify.test.reflective";
    private static final String RESOURCES = "voucherify.test.native-resources";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClass(ReadRoute.class))
            .addBuildChainCustomizer(captureRegistrations());

    @Inject
    ProducerTemplate producer;

    /** Converts the body to the model: Camel's type converter, found only if the component's jar is indexed. */
    public static class ReadRoute extends RouteBuilder {
        @Override
        public void configure() {
            from("direct:read").convertBodyTo(WebhookEvent.class);
        }
    }

    private static Consumer<BuildChainBuilder> captureRegistrations() {
        return chain -> chain.addBuildStep(context -> {
            // only this extension's registrations: Camel Quarkus registers some of the component's
            // classes too (the type converter, services), which must not make this test pass
            String reflective = context.consumeMulti(ReflectiveClassBuildItem.class).stream()
                    .filter(item -> VoucherifyProcessor.class.getName().equals(item.getReason()))
                    .filter(item -> item.isConstructors() && item.isMethods() && item.isFields())
                    .flatMap(item -> item.getClassNames().stream()).collect(Collectors.joining(","));
            String resources = context.consumeMulti(NativeImageResourceBuildItem.class).stream()
                    .flatMap(item -> item.getResources().stream()).collect(Collectors.joining(","));
            System.setProperty(REFLECTIVE, reflective);
            System.setProperty(RESOURCES, resources);
        }).consumes(ReflectiveClassBuildItem.class).consumes(NativeImageResourceBuildItem.class)
                // a product the JVM build consumes, so that the step (and the steps it consumes from) runs
                .produces(GeneratedResourceBuildItem.class).build();
    }

    @Test
    void theTypeConverterIsFoundWithoutAnyIndexDependencyProperty() throws IOException {
        Object body = producer.requestBody("direct:read", Files.readString(SEED));
        WebhookEvent event = assertInstanceOf(WebhookEvent.class, body);
        assertEquals("customer.voucher.gift.balance_added", event.getEventType());
        GiftBalanceAddedData data = assertInstanceOf(GiftBalanceAddedData.class, event.getData());
        assertEquals("vtx_0e6feafe6952a94a54", data.getTransaction().getId());
    }

    @Test
    void theModelIsRegisteredForReflectionWithFieldsMethodsAndConstructors() {
        Set<String> registered = registered(REFLECTIVE);
        for (Class<?> type : List.of(WebhookEvent.class, GiftBalanceAddedData.class, Voucher.class, Voucher.Gift.class,
                Voucher.LoyaltyCard.class)) {
            assertTrue(registered.contains(type.getName()), type.getName() + " not registered: " + registered);
        }
    }

    @Test
    void theLedgerSinksTableCheckIsRegistered() {
        // the Kamelet voucherify-ledger-sink creates it by class name (#class:) and sets its name by reflection
        assertTrue(registered(REFLECTIVE).contains(io.voucherifycamel.sink.SqlTable.class.getName()), registered(REFLECTIVE)::toString);
    }

    @Test
    void everyClassOfTheModelPackageIsRegistered() throws Exception {
        Set<String> inPackage = classesOf(WebhookEvent.class);
        assertTrue(inPackage.size() >= 20, "the model package as read from its archive: " + inPackage);
        assertEquals(Set.of(), difference(inPackage, registered(REFLECTIVE)), "model classes left out");
    }

    @Test
    void nothingOutsideTheModelTheCamelComponentAndTheKameletHelpersIsRegistered() {
        Set<String> registered = registered(REFLECTIVE);
        assertFalse(registered.contains(SignatureVerifier.class.getName()), registered::toString);
        assertFalse(registered.contains(VoucherifyHeaders.class.getName()), registered::toString);
        assertFalse(registered.contains(ReadRoute.class.getName()), registered::toString);
        assertEquals(Set.of(), registered.stream()
                .filter(name -> !name.startsWith("io.voucherifycamel.event.") && !name.startsWith("io.voucherifycamel.component.")
                        && !name.startsWith("io.voucherifycamel.sink."))
                .collect(Collectors.toSet()));
    }

    @Test
    void everyKameletOfTheComponentIsANativeImageResource() throws Exception {
        Set<String> kamelets = kameletsOf(WebhookEvent.class);
        Set<String> resources = registered(RESOURCES);
        assertEquals(Set.of(), difference(kamelets, resources), "Kamelets left out of the native image");
        // and no Kamelet that is not the component's (the route's archive, another jar)
        assertEquals(kamelets, resources.stream().filter(name -> name.startsWith("kamelets/")).collect(Collectors.toSet()));
    }

    private static Set<String> registered(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null, "the build step that captures the registrations did not run");
        return Arrays.stream(value.split(",")).filter(name -> !name.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> difference(Set<String> expected, Set<String> actual) {
        return expected.stream().filter(name -> !actual.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The class names of a class' package, read from its archive (a folder in the reactor, a jar otherwise). */
    private static Set<String> classesOf(Class<?> type) throws Exception {
        String folder = type.getPackageName().replace('.', '/') + "/";
        return entries(type).stream()
                .filter(name -> name.startsWith(folder) && name.endsWith(".class") && name.indexOf('/', folder.length()) < 0)
                .filter(name -> !name.endsWith("package-info.class"))
                .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> kameletsOf(Class<?> type) throws Exception {
        return entries(type).stream().filter(name -> name.matches("kamelets/[^/]+\\.kamelet\\.yaml"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> entries(Class<?> type) throws IOException, URISyntaxException {
        Path archive = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(archive)) {
            try (Stream<Path> files = Files.walk(archive)) {
                return files.filter(Files::isRegularFile).map(file -> archive.relativize(file).toString().replace('\\', '/')).toList();
            }
        }
        try (JarFile jar = new JarFile(archive.toFile())) {
            return jar.stream().map(entry -> entry.getName()).toList();
        }
    }
}
