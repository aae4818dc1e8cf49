package dev.lem.local.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkResultTest {

    private static final String OUTPUT = """
            Running 2s test @ http://127.0.0.1:40123
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.20ms    0.80ms  12.01ms   90.00%
                Req/Sec     1.70k   100.00     1.90k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.20ms
                 90%    2.10ms
                 99%    4.55ms
              3400 requests in 2.00s, 1.10MB read
              Socket errors: connect 0, read 1, write 0, timeout 2
              Non-2xx or 3xx responses: 4
            Requests/sec:   1699.50
            Transfer/sec:    550.00KB
            LEM-WRK accepted=3396 rejected=4
            """;

    @Test
    void parse_readsRateLatenciesAndTheScriptsCounts() {
        WrkResult result = WrkResult.parse(OUTPUT);

        assertThat(result.requests()).isEqualTo(3400);
        assertThat(result.requestsPerSecond()).isEqualTo(1699.5);
        assertThat(result.p50Millis()).isEqualTo(0.85);
        assertThat(result.p99Millis()).isEqualTo(4.55);
        assertThat(result.accepted()).isEqualTo(3396);
        assertThat(result.rejected()).isEqualTo(4);
        assertThat(result.errors()).isEqualTo(7);
    }

    @Test
    void parse_withoutTheScriptLine_failsNamingIt() {
        assertThatThrownBy(() -> WrkResult.parse(OUTPUT.replace("LEM-WRK accepted=3396 rejected=4", "")))
                .hasMessageContaining("LEM-WRK");
    }

    @Test
    void settings_refuseUnboundedRuns() {
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--duration", "0"})).hasMessageContaining("duration");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--connections", "1000"})).hasMessageContaining("connections");
        assertThatThrownBy(() -> LoadBench.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
    }
}
