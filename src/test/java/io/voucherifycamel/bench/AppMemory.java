package io.voucherifycamel.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

/**
 * The heap allocation of the app's process, read from its own JVM: the benchmark attaches to the
 * process (the JDK's attach mechanism, a UNIX socket of the same user), starts its local JMX agent
 * (loopback only, no port to configure) and reads HotSpot's
 * {@link ThreadMXBean#getTotalThreadAllocatedBytes()}, the bytes allocated on the heap by all threads
 * since the JVM started, the threads that ended included. Reading it costs the app one JMX call; nothing
 * runs in the app between two readings. With it, the young collections (count and time) from the
 * collectors' MXBeans, and the JIT compilers' time (so a run shows whether its warm-up was long
 * enough: in a steady state the JIT compiles next to nothing during the load).
 */
final class AppMemory implements AutoCloseable {

    /** One reading: bytes allocated so far, and the collections and their time so far (all collectors). */
    record Reading(long allocatedBytes, long collections, long collectionMillis, long compilationMillis) {
    }

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final ThreadMXBean threads;
    private final List<GarbageCollectorMXBean> collectors;
    private final CompilationMXBean compiler;

    private AppMemory(JMXConnector connector, MBeanServerConnection server, ThreadMXBean threads, List<GarbageCollectorMXBean> collectors,
            CompilationMXBean compiler) {
        this.connector = connector;
        this.server = server;
        this.threads = threads;
        this.collectors = collectors;
        this.compiler = compiler;
    }

    static AppMemory attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        MBeanServerConnection server = connector.getMBeanServerConnection();
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("the app's JVM does not measure allocated memory per thread");
        }
        List<GarbageCollectorMXBean> collectors = server.queryNames(new ObjectName(ManagementFactory.GARBAGE_COLLECTOR_MXBEAN_DOMAIN_TYPE + ",*"), null)
                .stream().map(name -> {
                    try {
                        return ManagementFactory.newPlatformMXBeanProxy(server, name.toString(), GarbageCollectorMXBean.class);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        CompilationMXBean compiler = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.COMPILATION_MXBEAN_NAME,
                CompilationMXBean.class);
        return new AppMemory(connector, server, threads, collectors, compiler);
    }

    Reading read() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new Reading(threads.getTotalThreadAllocatedBytes(), collections, millis, compiler.getTotalCompilationTime());
    }

    /** Starts a flight recording in the app now (the JFR.start command), written to {@code file} after {@code seconds}. */
    void startRecording(String settings, int seconds, String file) throws Exception {
        String[] arguments = { "settings=" + settings, "duration=" + seconds + "s", "filename=" + file, "name=bench" };
        Object answer = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrStart",
                new Object[] { arguments }, new String[] { String[].class.getName() });
        System.out.println("ThroughputBench: JFR.start " + String.join(" ", arguments) + ": " + answer);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
