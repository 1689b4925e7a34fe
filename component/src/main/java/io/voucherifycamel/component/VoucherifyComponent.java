package io.voucherifycamel.component;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code voucherify} component: its one endpoint, {@code voucherify:webhook}, receives Voucherify's webhooks. */
@Component(VoucherifyComponent.SCHEME)
public class VoucherifyComponent extends DefaultComponent {

    /** The URI scheme, also the name in {@code META-INF/services/org/apache/camel/component/}. */
    public static final String SCHEME = "voucherify";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!VoucherifyEndpoint.WEBHOOK.equals(remaining)) {
            // the message names the path only: a URI may carry a secret
            throw new IllegalArgumentException("voucherify:" + remaining + " is not an endpoint; the component has voucherify:webhook");
        }
        VoucherifyEndpoint endpoint = new VoucherifyEndpoint(uri, this);
        endpoint.setName(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
