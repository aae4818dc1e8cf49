package dev.lem.local.bench.load;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run reported: requests, the sustained rate, latency percentiles ({@code --latency}), and the
 * 2xx and other responses the script's {@code response()} hook counted ({@value #SCRIPT_LINE} line), plus
 * socket errors.
 */
public record WrkResult(long requests, double requestsPerSecond, double p50Millis, double p99Millis, long accepted,
                        long rejected, long socketErrors) {

    /** The line the generated scripts' {@code done()} prints: {@code LEM-WRK accepted=N rejected=M}. */
    public static final String SCRIPT_LINE = "LEM-WRK";

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern SCRIPT = Pattern.compile("LEM-WRK accepted=(\\d+) rejected=(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    public static WrkResult parse(String output) {
        Matcher script = find(SCRIPT, output, "the script's LEM-WRK line");
        Matcher socket = SOCKET.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        return new WrkResult(Long.parseLong(find(REQUESTS, output, "the request count").group(1)),
                Double.parseDouble(find(RATE, output, "Requests/sec").group(1)), percentile(output, "50"),
                percentile(output, "99"), Long.parseLong(script.group(1)), Long.parseLong(script.group(2)), socketErrors);
    }

    /** Errors: every response that was not 2xx, and every socket error. */
    public long errors() {
        return rejected + socketErrors;
    }

    private static double percentile(String output, String p) {
        Matcher m = find(Pattern.compile("\\n\\s+" + p + "%\\s+([\\d.]+)(us|ms|s)\\b"), output, "the " + p + "% latency");
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }

    private static Matcher find(Pattern pattern, String output, String what) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk output has no " + what + ":\n" + output);
        }
        return m;
    }

    String summary() {
        return String.format(Locale.ROOT, "%d requests, %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d (non-2xx %d, socket %d)",
                requests, requestsPerSecond, p50Millis, p99Millis, errors(), rejected, socketErrors);
    }
}
