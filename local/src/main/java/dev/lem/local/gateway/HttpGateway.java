package dev.lem.local.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway: the JDK's HTTP server on 127.0.0.1, dispatching through {@link Routes}; requests
 * naming another host are refused (421), against DNS rebinding. Bodies
 * above {@value #MAX_BODY_BYTES} bytes are refused here (413); smaller ones go to the endpoint, which
 * applies its own limit. Client mistakes get 4xx; an endpoint that throws gets 502, never 500.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Routes routes = Routes.builder().build();

    private HttpGateway(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds 127.0.0.1:{@code port} ({@code 0}: any free port) without serving yet, so the port is known
     * before the handlers that put it into links are wired.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static HttpGateway bind(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "lem-gateway-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return new HttpGateway(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void start(Routes table) {
        this.routes = table;
        server.createContext("/", this::exchange);
        server.start();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            write(exchange, answer(exchange));
        } catch (IOException clientWentAway) {
            LOG.debug("response not written error={}", clientWentAway.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.error("gateway failed error={}", e.getClass().getSimpleName());
        }
    }

    private GatewayReply answer(HttpExchange exchange) throws IOException {
        if (!localHost(exchange.getRequestHeaders().getFirst("Host"))) {
            return GatewayReply.error(421, "unknown host: use 127.0.0.1:" + port());
        }
        URI uri = exchange.getRequestURI();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Routes.Resolution resolution = routes.resolve(method, rawPath);
        return switch (resolution) {
            case Routes.Resolution.NotFound n -> GatewayReply.error(404, "not found");
            case Routes.Resolution.MethodNotAllowed m -> GatewayReply.error(405, "method not allowed")
                    .withHeader("Allow", String.join(", ", m.allowed()));
            case Routes.Resolution.Found found -> {
                if (declaredLength(exchange.getRequestHeaders()) > MAX_BODY_BYTES) {
                    yield tooLarge();
                }
                byte[] body = readBody(exchange.getRequestBody());
                if (body.length > MAX_BODY_BYTES) {
                    yield tooLarge();
                }
                GatewayRequest request = new GatewayRequest(method, rawPath, uri.getRawQuery(),
                        headers(exchange.getRequestHeaders()), body,
                        exchange.getRemoteAddress().getAddress().getHostAddress(), found.route().routeKey(),
                        found.pathParameters());
                yield invoke(found.route(), request);
            }
        };
    }

    /**
     * Only this machine's names: a page elsewhere that rebinds its DNS name to 127.0.0.1 (DNS rebinding)
     * sends its own name as Host, and must not read the outbox.
     */
    boolean localHost(String host) {
        if (host == null) {
            return true;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        for (String local : List.of("127.0.0.1", "localhost")) {
            if (name.equals(local + ":" + port()) || (port() == 80 && name.equals(local))) {
                return true;
            }
        }
        return false;
    }

    private static GatewayReply invoke(Routes.Route route, GatewayRequest request) {
        try {
            return route.endpoint().handle(request);
        } catch (Exception e) {
            LOG.error("handler failed routeKey={} error={}", route.routeKey(), e.getClass().getSimpleName());
            return GatewayReply.error(502, "handler failed");
        }
    }

    private static GatewayReply tooLarge() {
        return GatewayReply.error(413, "body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        }
    }

    private static long declaredLength(Headers headers) {
        String length = headers.getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Lower-case names; repeated headers joined with commas, as API Gateway presents them. */
    static Map<String, String> headers(Map<String, List<String>> raw) {
        Map<String, String> headers = new LinkedHashMap<>();
        raw.forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (first, next) -> first + "," + next));
        return headers;
    }

    private static void write(HttpExchange exchange, GatewayReply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::set);
        reply.cookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        boolean noBody = reply.body().length == 0 || reply.status() == 204 || reply.status() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }
}
