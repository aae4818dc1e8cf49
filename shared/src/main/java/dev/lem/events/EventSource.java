package dev.lem.events;

/** Event sources on the {@code lem} bus. */
public final class EventSource {
    /** LEM's own events. */
    public static final String LEM = "lem";
    /** Events marketers put on the bus themselves (campaign triggers). */
    public static final String MARKETING = "lem.marketing";
    /** The bus name. */
    public static final String BUS_NAME = "lem";

    private EventSource() {}
}
