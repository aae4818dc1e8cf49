package dev.lem.local.bench.load;

import java.util.List;

/**
 * The wrk Lua scripts of the load bench. Each thread counts 2xx responses as accepted and any other status as
 * rejected in {@code response()}; {@code done()} sums the threads and prints one {@value WrkResult#SCRIPT_LINE} line.
 */
final class WrkScripts {

    private static final String COUNTING = """
            local threads = {}
            function setup(thread)
              thread:set("id", #threads + 1)
              table.insert(threads, thread)
            end
            accepted = 0
            rejected = 0
            function response(status, headers, body)
              if status >= 200 and status < 300 then accepted = accepted + 1 else rejected = rejected + 1 end
            end
            function done(summary, latency, requests)
              local a, r = 0, 0
              for _, thread in ipairs(threads) do
                a = a + thread:get("accepted")
                r = r + thread:get("rejected")
              end
              io.write(string.format("LEM-WRK accepted=%d rejected=%d\\n", a, r))
            end
            """;

    private WrkScripts() {}

    /**
     * GETs cycling through signed pixel paths with a browser's user agent (each hit is its own activity: the tracking
     * handler gives it a new id).
     */
    static String pixel(List<String> paths, String userAgent) {
        StringBuilder lua = new StringBuilder(COUNTING).append("local paths = {\n");
        paths.forEach(p -> lua.append("  \"").append(p).append("\",\n"));
        return lua.append("""
                }
                local n = 0
                function request()
                  n = n + 1
                  return wrk.format("GET", paths[(n % #paths) + 1], {["User-Agent"] = "USER_AGENT"})
                end
                """.replace("USER_AGENT", userAgent)).toString();
    }

    /**
     * JSON POSTs to {@code path}, each with its own form token (from {@code tokens}, a disjoint slice per thread) and
     * a unique email ({@code load-<run>-<thread>-<n>@bench.example.com}); after its slice a thread reuses tokens, which
     * the form refuses as replays (counted as rejected), so size the token list above the requests a run can make.
     */
    static String form(String path, String origin, String run, List<String> tokens, int threads) {
        StringBuilder lua = new StringBuilder(COUNTING).append("local tokens = {\n");
        tokens.forEach(t -> lua.append("  \"").append(t).append("\",\n"));
        int slice = tokens.size() / threads;
        return lua.append("}\n").append("""
                local n = 0
                function request()
                  n = n + 1
                  local token = tokens[(id - 1) * SLICE + ((n - 1) % SLICE) + 1]
                  local body = string.format('{"email":"load-RUN-%d-%d@bench.example.com","name":"Load %d",' ..
                      '"company":"Example","consent_email":true}', id, n, n)
                  return wrk.format("POST", "PATH", {["Content-Type"] = "application/json", ["Origin"] = "ORIGIN",
                      ["X-Lem-Token"] = token}, body)
                end
                """.replace("SLICE", Integer.toString(slice)).replace("RUN", run).replace("PATH", path)
                .replace("ORIGIN", origin)).toString();
    }
}
