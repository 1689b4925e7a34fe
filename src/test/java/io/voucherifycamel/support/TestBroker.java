package io.voucherifycamel.support;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;

/** An Artemis broker outside the product, as the tests and the benchmark start it: persistent, in a folder, on TCP. */
public final class TestBroker {

    private TestBroker() {
    }

    /** The shared part of the configuration; callers add their address settings. */
    public static ConfigurationImpl configuration(String name, Path folder, String tcpUrl) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName(name).setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(folder.resolve("journal").toString())
                .setBindingsDirectory(folder.resolve("bindings").toString())
                .setPagingDirectory(folder.resolve("paging").toString())
                .setLargeMessagesDirectory(folder.resolve("large").toString())
                .addAcceptorConfiguration("tcp", tcpUrl);
        return configuration;
    }
}
