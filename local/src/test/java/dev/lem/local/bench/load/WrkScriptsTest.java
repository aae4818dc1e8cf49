package dev.lem.local.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrkScriptsTest {

    @Test
    void form_givesEachThreadItsOwnSliceOfTokens_andUniqueEmails() {
        String lua = WrkScripts.form("/f/demo", "http://127.0.0.1:8080", "run1", List.of("t1", "t2", "t3", "t4"), 2);

        assertThat(lua).contains("\"t1\",", "\"t4\",")
                .contains("tokens[(id - 1) * 2 + ((n - 1) % 2) + 1]")
                .contains("load-run1-%d-%d@bench.example.com")
                .contains("[\"X-Lem-Token\"] = token", "[\"Origin\"] = \"http://127.0.0.1:8080\"", "\"POST\", \"/f/demo\"")
                .contains("LEM-WRK accepted=%d rejected=%d");
    }

    @Test
    void pixel_cyclesThroughThePaths_withTheUserAgent() {
        String lua = WrkScripts.pixel(List.of("/t/o.gif?l=a", "/t/o.gif?l=b"), "Mozilla/5.0");

        assertThat(lua).contains("\"/t/o.gif?l=a\",", "\"/t/o.gif?l=b\",", "paths[(n % #paths) + 1]",
                "[\"User-Agent\"] = \"Mozilla/5.0\"");
    }
}
