package io.voucherifycamel.event;

/** Data of an event type this model does not describe: every field is kept as JSON in {@link #getOther()}. */
public class GenericEventData extends EventData {
}
