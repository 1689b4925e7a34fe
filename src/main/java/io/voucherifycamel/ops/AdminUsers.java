package io.voucherifycamel.ops;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Defines the admin API's one user from {@code voucherify.admin.username} / {@code voucherify.admin.password}.
 * Without a password no user exists at all, so the API refuses everyone rather than accept an empty
 * password.
 */
public class AdminUsers implements ConfigSourceFactory {

    public static final String ROLE = "voucherify-admin";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue password = context.getValue("voucherify.admin.password");
        if (password == null || password.getValue() == null || password.getValue().isBlank()) {
            return List.of();
        }
        ConfigValue configuredName = context.getValue("voucherify.admin.username");
        String username = configuredName == null || configuredName.getValue() == null ? "admin" : configuredName.getValue();
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.security.users.embedded.users.\"" + username + "\"", password.getValue(),
                "quarkus.security.users.embedded.roles.\"" + username + "\"", ROLE),
                "voucherify-admin-users", 260));
    }
}
