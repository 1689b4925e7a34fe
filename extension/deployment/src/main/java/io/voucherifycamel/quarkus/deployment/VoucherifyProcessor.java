package io.voucherifycamel.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.quarkus.deployment.ApplicationArchive;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.paths.PathTree;

/**
 * The build steps of voucherify-camel-quarkus: index the component's jar, and register for a native
 * image what the component uses by reflection or reads as a resource.
 */
public class VoucherifyProcessor {

    static final String FEATURE = "camel-voucherify";
    static final String GROUP_ID = "io.voucherifycamel";
    static final String COMPONENT_ARTIFACT_ID = "voucherify-camel-component";

    /**
     * Packages whose every class is kept for reflection: the event model (Jackson binds its fields and
     * creates it through its constructors; Camel's simple language calls its getters), and the Camel
     * component and its endpoint (Camel sets endpoint options through setters), and the Kamelets'
     * helpers (the ledger sink creates io.voucherifycamel.sink.SqlTable by class name and sets its
     * property). By package, not by a list of classes, so a class added to one is registered without
     * touching this extension.
     */
    static final List<String> REFLECTIVE_PACKAGES = List.of("io.voucherifycamel.event", "io.voucherifycamel.component",
            "io.voucherifycamel.sink");

    /** The component's Kamelets, which Camel's Kamelet component loads from the class path at run time. */
    static final Pattern KAMELET = Pattern.compile("kamelets/[^/]+\\.kamelet\\.yaml");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Camel Quarkus reads META-INF/services/org/apache/camel/** (the type converter loader, the
     * component, the data format) at build time from the application's indexed archives only; indexed,
     * the component's jar needs no quarkus.index-dependency properties in the application. Camel
     * Quarkus then resolves those services at build time and registers their classes itself
     * (CamelProcessor, CamelNativeImageProcessor), so the service files need no registration here.
     */
    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem(GROUP_ID, COMPONENT_ARTIFACT_ID);
    }

    @BuildStep
    void reflection(CombinedIndexBuildItem combinedIndex, BuildProducer<ReflectiveClassBuildItem> reflectiveClasses) {
        String[] classes = reflectiveClasses(combinedIndex.getIndex()).toArray(String[]::new);
        if (classes.length > 0) {
            reflectiveClasses.produce(ReflectiveClassBuildItem.builder(classes).constructors().methods().fields()
                    .reason(VoucherifyProcessor.class.getName()).build());
        }
    }

    @BuildStep
    void kamelets(ApplicationArchivesBuildItem archives, BuildProducer<NativeImageResourceBuildItem> resources) {
        List<String> kamelets = new ArrayList<>();
        for (ApplicationArchive archive : archives.getAllApplicationArchives()) {
            if (archive.getKey() != null && GROUP_ID.equals(archive.getKey().getGroupId())
                    && COMPONENT_ARTIFACT_ID.equals(archive.getKey().getArtifactId())) {
                archive.accept(tree -> kamelets.addAll(kamelets(tree)));
            }
        }
        if (!kamelets.isEmpty()) {
            resources.produce(new NativeImageResourceBuildItem(kamelets));
        }
    }

    /** The names of every class of {@link #REFLECTIVE_PACKAGES} in the index, nested classes included, sorted. */
    static TreeSet<String> reflectiveClasses(IndexView index) {
        TreeSet<String> names = new TreeSet<>();
        for (String packageName : REFLECTIVE_PACKAGES) {
            for (ClassInfo type : index.getClassesInPackage(DotName.createSimple(packageName))) {
                names.add(type.name().toString());
            }
        }
        return names;
    }

    /**
     * The Kamelet files of one archive, by their class path name. Only kamelets/*.kamelet.yaml of the
     * component's own archive: a glob over the whole class path would also pull every Kamelet of a
     * catalog jar the application may carry into the image.
     */
    static List<String> kamelets(PathTree archive) {
        TreeSet<String> found = new TreeSet<>();
        archive.walkIfContains("kamelets", visit -> {
            String name = visit.getRelativePath("/");
            if (KAMELET.matcher(name).matches()) {
                found.add(name);
            }
        });
        return List.copyOf(found);
    }
}
