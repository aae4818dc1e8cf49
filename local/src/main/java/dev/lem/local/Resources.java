package dev.lem.local;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a run started, closed in reverse order of registration; one failure does not stop the rest. */
final class Resources {

    private static final Logger LOG = LoggerFactory.getLogger(Resources.class);

    /** A resource with a name for the log. */
    private record Named(String name, AutoCloseable resource) {}

    private final Deque<Named> resources = new ArrayDeque<>();

    <T extends AutoCloseable> T add(String name, T resource) {
        resources.push(new Named(name, resource));
        return resource;
    }

    void closeAll() {
        while (!resources.isEmpty()) {
            Named next = resources.pop();
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("stop failed resource={} error={}", next.name(), e.getClass().getSimpleName());
            }
        }
    }
}
