package dev.lem.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured webhooks by name ({@code crm=https://crm.example.com/hooks/lem,slack=https://hooks.slack.com/…}) and
 * the rule for calling one: HTTPS only, and every address its host resolves to must be public. Loopback, private
 * (RFC 1918, unique-local), link-local (cloud metadata), carrier-grade NAT, multicast and unspecified addresses are
 * refused, so a webhook cannot reach into the VPC or the instance metadata service.
 */
public final class WebhookTargets {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Resolves a host name (the JDK resolver in production; a fixed table in tests). */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

    private final Map<String, URI> targets;
    private final Resolver resolver;

    public WebhookTargets(Map<String, URI> targets, Resolver resolver) {
        this.targets = Map.copyOf(targets);
        this.resolver = resolver;
    }

    /** {@code name=url,name=url}; empty or absent → none. */
    public static Map<String, URI> parse(String text) {
        Map<String, URI> targets = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return targets;
        }
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            if (pair.length != 2 || !NAME.matcher(pair[0].strip()).matches()) {
                throw new IllegalArgumentException("webhooks must be name=https://host/path, comma-separated");
            }
            URI uri;
            try {
                uri = new URI(pair[1].strip());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("webhook " + pair[0].strip() + " is not a valid URL");
            }
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("webhook " + pair[0].strip() + " must be an https URL without user info");
            }
            targets.put(pair[0].strip(), uri);
        }
        return targets;
    }

    public Optional<URI> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    public Map<String, URI> all() {
        return targets;
    }

    /**
     * Checks that {@code target} may be called now (resolving its host).
     *
     * @throws SendFailedException not retryable when the target is not allowed; retryable when DNS failed
     */
    public void check(URI target) {
        if (!"https".equalsIgnoreCase(target.getScheme()) && !"http".equalsIgnoreCase(target.getScheme())) {
            throw new SendFailedException("webhook-target-refused", false, null);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(target.getHost());
        } catch (UnknownHostException e) {
            throw new SendFailedException("webhook-target-unresolved", true, e);
        }
        if (addresses.isEmpty() || addresses.stream().anyMatch(WebhookTargets::isInternal)) {
            throw new SendFailedException("webhook-target-refused", false, null);
        }
    }

    /** Whether an address is not a public unicast one. */
    public static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first >= 240 // "this network", reserved and broadcast
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return true; // unique local fc00::/7
        }
        boolean v4Mapped = true;
        for (int i = 0; i < 10; i++) {
            v4Mapped &= b[i] == 0;
        }
        if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            try {
                return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "WebhookTargets" + targets.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
