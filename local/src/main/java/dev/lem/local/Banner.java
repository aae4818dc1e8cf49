package dev.lem.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What {@code lem up} prints once it serves: every URL, every port it opened, where its state is. */
final class Banner {

    private final String baseUrl;
    private final RunningLem.Ports ports;
    private final Path stateDir;
    private final boolean newKeys;
    private final int pendingSchedules;
    private final boolean wiped;
    private final Optional<Duration> dripWait;

    Banner(String baseUrl, RunningLem.Ports ports, Path stateDir, boolean newKeys, int pendingSchedules, boolean wiped,
           Optional<Duration> dripWait) {
        this.baseUrl = baseUrl;
        this.ports = ports;
        this.stateDir = stateDir;
        this.newKeys = newKeys;
        this.pendingSchedules = pendingSchedules;
        this.wiped = wiped;
        this.dripWait = dripWait;
    }

    void print(PrintStream out) {
        StringBuilder text = new StringBuilder()
                .append("\nlem up: the whole LEM suite runs on this machine. Stop it with Ctrl-C.\n\n")
                .append("  Demo page      ").append(baseUrl).append("/demo   (embedded form + lem.js; the welcome journey mails the outbox)\n")
                .append("  Landing page   ").append(baseUrl).append("/\n")
                .append("  Form endpoint  POST ").append(baseUrl).append("/f/demo\n")
                .append("  Open pixel     GET  ").append(baseUrl).append("/t/o.gif?l=…&m=…&s=…  (signed, in every email)\n")
                .append("  Outbox         ").append(baseUrl).append("/outbox\n")
                .append("  Outbox JSON    ").append(baseUrl).append("/outbox.json\n")
                .append("  Health         ").append(baseUrl).append("/health\n")
                .append("  Admin pages    ").append(baseUrl).append("/admin   (leads, activity, score, messages; sign in with the adminToken)\n")
                .append("  Admin          POST ").append(baseUrl).append("/admin/schedules/fire-due?until=<ISO instant>\n")
                .append("                 GET  ").append(baseUrl).append("/admin/schedules\n")
                .append("                 GET  ").append(baseUrl).append("/admin/dead-letters\n")
                .append("                 POST ").append(baseUrl).append("/admin/events\n")
                .append("                 POST ").append(baseUrl).append("/activities  (offline and call-centre activity)\n")
                .append("                 POST ").append(baseUrl).append("/outcomes    (won / lost / disqualified from a CRM)\n")
                .append("                 with  Authorization: Bearer <adminToken from ").append(stateDir.resolve("local.json"))
                .append(">\n\n")
                .append("Ports opened (127.0.0.1 only):\n")
                .append(String.format("  127.0.0.1:%-6d HTTP gateway: pages, form capture, tracking pixel, outbox, admin%n",
                        ports.gateway()))
                .append(String.format("  127.0.0.1:%-6d ElasticMQ (SQS API): lem-activity, lem-notify and their DLQs%n",
                        ports.sqs()));
        if (ports.dynamoDb().isPresent()) {
            text.append(String.format("  127.0.0.1:%-6d DynamoDB Local%n", ports.dynamoDb().getAsInt()));
        } else {
            text.append("  (none)           DynamoDB Local runs embedded in this JVM (data in dynamodb.db): its server mode\n")
                    .append("                   cannot bind to 127.0.0.1 only (it listens on every interface), so it opens no port\n");
        }
        text.append("\nState in ").append(stateDir).append(wiped ? " (wiped by --fresh)" : "").append(":\n")
                .append("  dynamodb.db     the table: leads, activity, enrolments, forms; kept across runs\n")
                .append("  outbox.jsonl    every email sent, kept across runs\n")
                .append("  state-history.jsonl  lifecycle changes seen on the bus, kept across runs\n")
                .append("  keys.json       identity, tracking and form-token keys").append(newKeys ? " (new)" : " (reused)")
                .append(", kept across runs\n")
                .append("  schedules.json  pending drip timers (").append(pendingSchedules).append(" now), kept across runs\n")
                .append("  local.json      base URL, admin token, ports; removed on exit\n")
                .append(dripWait.map(w -> "\nDemo: drip timers wait at most " + w.toSeconds()
                        + " s (--drip-wait journey keeps the journeys' own waits). --fresh wipes the data.\n")
                        .orElse("\nDrip timers keep the journeys' own waits. --fresh wipes the data.\n"));
        out.print(text);
        out.flush();
    }
}
