package socketlab.grader;

/**
 * The little HTML the grader's pages need: escaping (a student's program can print anything,
 * {@code </pre><script>} included, and it must show as text), and the style sheet the report
 * page and the class page share. Pages are self-contained: no CDN, no network, no script.
 */
final class Html {
    private Html() {
    }

    /** Text made safe inside an element or a quoted attribute; control characters shown as \xNN. */
    static String escape(String text) {
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
                case '\n', '\t' -> out.append(c);
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0xfdd0 && c <= 0xfdef) || c == 0xfffe || c == 0xffff) {
                        out.append(String.format("\\x%02x", (int) c & 0xff));
                    } else if (Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean validSurrogateAt(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** The start of a page, up to and including {@code <body>}. */
    static String head(String title, boolean refreshing) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + (refreshing ? "<meta http-equiv=\"refresh\" content=\"5\">\n" : "")
                + "<title>" + escape(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n";
    }

    static final String STYLE = """
            :root { --pass: #1a7f37; --fail: #cf222e; --skip: #8c959f; --ink: #1f2328; --muted: #656d76;
                    --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da; --hint: #fff8c5; --hintline: #d4a72c; }
            * { box-sizing: border-box; }
            body { font: 15px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: var(--ink);
                   margin: 0 auto; padding: 24px 32px 64px; max-width: 1480px; background: #fff; }
            h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 10px; }
            h3 { font-size: 17px; margin: 0 0 8px; } h4 { font-size: 14px; margin: 18px 0 6px; color: var(--muted);
                   text-transform: uppercase; letter-spacing: .04em; }
            .meta { color: var(--muted); margin: 0 0 16px; font-size: 14px; }
            code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
                   font-size: 13px; }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
                  overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
            a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
            .banner { background: #ddf4ff; border: 1px solid #54aeff; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
            .banner.bad { background: #ffebe9; border-color: #ff8182; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 8px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 210px; }
            .card .big { font-size: 22px; font-weight: 600; }
            .bar { height: 8px; background: #ffd8d3; border-radius: 4px; overflow: hidden; margin-top: 6px; }
            .bar > span { display: block; height: 100%; background: var(--pass); }
            table { border-collapse: collapse; }
            table.tests { width: 100%; }
            table.tests td, table.tests th { padding: 4px 10px; border-bottom: 1px solid #eaeef2; text-align: left;
                  vertical-align: top; }
            table.tests th { font-size: 13px; color: var(--muted); font-weight: 600; }
            .mark { font-weight: 700; width: 1%; white-space: nowrap; }
            .PASSED .mark { color: var(--pass); } .FAILED .mark { color: var(--fail); } .NOT_RUN .mark { color: var(--skip); }
            .pts { white-space: nowrap; color: var(--muted); width: 1%; }
            .role { font-size: 12px; color: var(--muted); width: 1%; white-space: nowrap; }
            .why { color: var(--muted); font-size: 13px; }
            article.failure { border: 1px solid var(--line); border-left: 5px solid var(--fail); border-radius: 8px;
                  padding: 14px 18px; margin: 18px 0; }
            .badge { display: inline-block; font-size: 12px; background: var(--soft); border: 1px solid var(--line);
                  border-radius: 10px; padding: 0 8px; margin-right: 6px; color: var(--muted); vertical-align: 2px; }
            .headline { font-size: 17px; font-weight: 600; color: var(--fail); margin: 6px 0; }
            .hint { background: var(--hint); border: 1px solid var(--hintline); border-radius: 6px; padding: 8px 12px;
                  margin: 10px 0; }
            .hint b { margin-right: 6px; }
            .diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
            details > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
            .heat td, .heat th { border: 1px solid #fff; padding: 0; }
            .heat th.test { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: 500; font-size: 11px;
                  padding: 6px 2px; max-height: 260px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
                  color: var(--ink); vertical-align: bottom; }
            .heat th.lab { font-size: 12px; background: var(--soft); border-bottom: 2px solid var(--line); }
            .heat td.cell { width: 16px; height: 20px; }
            .heat.narrow td.cell { width: 10px; height: 18px; } .heat.narrow th.test { font-size: 9.5px; padding: 4px 0; }
            .heat td.student { padding: 0 10px 0 4px; white-space: nowrap; font-size: 13px; }
            .heat td.sum { padding: 0 6px; font-size: 12px; text-align: right; white-space: nowrap; color: var(--muted); }
            .c-pass { background: #2da44e; } .c-fail { background: #e5534b; } .c-none { background: #eaeef2; }
            .c-bonus-fail { background: #f2c5c2; }
            .legend span { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; margin: 0 4px 0 12px;
                  border-radius: 2px; }
            .failrate { display: inline-block; width: 120px; height: 10px; background: #eaeef2; border-radius: 5px;
                  overflow: hidden; vertical-align: middle; margin-right: 8px; }
            .failrate > span { display: block; height: 100%; background: var(--fail); }
            ol.most > li { margin: 0 0 14px; }
            """;
}
