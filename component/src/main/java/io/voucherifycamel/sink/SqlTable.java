package io.voucherifycamel.sink;

import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A table name that the {@code voucherify-ledger-sink} Kamelet may write into its SQL text: a plain
 * identifier ({@code gift_ledger}, or {@code finance.gift_ledger} with a schema), nothing that could
 * close the statement or add one. A table name cannot be a bound parameter, so the Kamelet declares
 * this class as a bean of its template, sets {@link #setName(String)} from its {@code table} parameter
 * and runs it as the step before its SQL. A template bean is made when first looked up, not when
 * declared (seen: a bean nothing referred to let an injected name through), so the step is what
 * makes it: a refused name stops the Kamelet's route from being created, before any SQL runs; and
 * the step checks the name again before every statement.
 */
public class SqlTable implements Processor {

    /** Unquoted SQL identifiers (letters, digits, underscore, not starting with a digit), at most 63 characters each (PostgreSQL's limit), with an optional schema. */
    static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = plain(name);
    }

    @Override
    public void process(Exchange exchange) {
        plain(name);
    }

    /**
     * The name itself if it is a plain identifier; otherwise an {@link IllegalArgumentException} that
     * does not repeat the name (it may be anything, a secret pasted in the wrong field included).
     */
    public static String plain(String name) {
        if (name == null || !PLAIN.matcher(name).matches()) {
            throw new IllegalArgumentException("the table parameter must be a plain SQL identifier, such as gift_ledger"
                    + " or finance.gift_ledger (letters, digits and _, not starting with a digit, at most 63 characters)");
        }
        return name;
    }
}
