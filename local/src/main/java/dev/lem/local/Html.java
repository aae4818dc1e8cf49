package dev.lem.local;

/** Escaping for text put into HTML, attribute values included. */
public final class Html {
    private Html() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A complete page: title, the shared style sheet, and the body. Nothing is loaded from elsewhere. */
    public static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>\n<body><main>\n"
                + body + "\n</main></body></html>\n";
    }

    private static final String STYLE = """
            :root{color-scheme:light dark;--accent:#2457d6;--muted:#667}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:Canvas;color:CanvasText}
            main{max-width:46rem;margin:0 auto;padding:2rem 1.25rem}
            h1{font-size:1.8rem;line-height:1.2;margin:0 0 .5rem}
            p.lead{font-size:1.1rem;color:var(--muted)}
            a{color:var(--accent)}
            form{display:grid;gap:.9rem;padding:1.25rem;border:1px solid #8884;border-radius:12px;margin:1.5rem 0}
            label{display:grid;gap:.25rem;font-weight:600}
            label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}
            input[type=text],input[type=email]{font:inherit;padding:.55rem .7rem;border:1px solid #8888;border-radius:8px}
            button{font:inherit;font-weight:600;padding:.65rem 1rem;border:0;border-radius:8px;background:var(--accent);color:#fff;cursor:pointer}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #8884;vertical-align:top}
            code{font-size:.9em}
            .muted{color:var(--muted)}
            iframe{width:100%;min-height:28rem;border:1px solid #8884;border-radius:8px;background:#fff}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
            dt{font-weight:600}
            dd{margin:0}
            pre{white-space:pre-wrap;overflow-wrap:anywhere}
            """;
}
