package io.voucherifycamel.event;

/** The envelope's {@code data}; its subclass depends on the event type (see {@link EventTypes}). */
public abstract class EventData extends OpenObject {
}
