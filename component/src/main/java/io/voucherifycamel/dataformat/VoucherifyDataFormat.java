package io.voucherifycamel.dataformat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.spi.annotations.Dataformat;
import org.apache.camel.support.service.ServiceSupport;

import io.voucherifycamel.event.EventHeaders;
import io.voucherifycamel.event.EventJson;
import io.voucherifycamel.event.EventReader;
import io.voucherifycamel.event.ReadResult;
import io.voucherifycamel.event.UnprocessableEventException;
import io.voucherifycamel.event.WebhookEvent;

/**
 * The {@code voucherify} data format. Unmarshal reads a webhook body (bytes, String or stream) into a
 * {@link WebhookEvent} and sets the same routing headers as the {@code voucherify:webhook} endpoint; a body
 * that cannot be read fails with an {@link UnprocessableEventException} naming the reason. Marshal writes
 * an event back as the JSON it was read from, byte for byte what Voucherify sent.
 */
@Dataformat(VoucherifyDataFormat.NAME)
public class VoucherifyDataFormat extends ServiceSupport implements DataFormat, DataFormatName {

    /** The name to unmarshal with: {@code .unmarshal().custom("voucherify")}, or in YAML {@code custom: voucherify}. */
    public static final String NAME = "voucherify";

    private final EventReader reader = new EventReader(EventJson.mapper());

    @Override
    public String getDataFormatName() {
        return NAME;
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        WebhookEvent event = exchange.getContext().getTypeConverter().mandatoryConvertTo(WebhookEvent.class, exchange, graph);
        stream.write(event.getJson().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return unmarshal(exchange, (Object) stream);
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        byte[] bytes = exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
        ReadResult read = reader.read(bytes);
        if (read instanceof ReadResult.Unprocessable unprocessable) {
            throw new UnprocessableEventException(unprocessable);
        }
        WebhookEvent event = ((ReadResult.Readable) read).event();
        EventHeaders.identifyAndDescribe(exchange.getMessage(), event);
        return event;
    }
}
