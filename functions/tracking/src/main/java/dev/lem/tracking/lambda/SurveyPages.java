package dev.lem.tracking.lambda;

import dev.lem.tracking.SurveyAnswers;

/**
 * The two pages of a survey answer: the confirmation page {@code GET /t/s} shows (a form whose button posts the signed
 * answer back to {@code POST /t/s}; no script, so nothing submits it but a person) and the thank-you page after the post.
 */
final class SurveyPages {

    /** No script at all; the form may post only to this origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    private SurveyPages() {}

    /**
     * The confirmation page: the chosen answer and one button. The form has no action, so it posts to the page's own
     * URL ({@code /t/s} on whatever host served it: API, custom domain or CloudFront); the signed parts travel in the body.
     */
    static String confirm(SurveyAnswers.Answer answer) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <meta name="robots" content="noindex"><title>Your answer</title></head>
                <body style="font-family:Arial,Helvetica,sans-serif;max-width:480px;margin:48px auto;padding:0 16px">
                <h1 style="font-size:22px">Your answer: %s</h1>
                <form method="post">
                <input type="hidden" name="q" value="%s"><input type="hidden" name="a" value="%s">
                <input type="hidden" name="l" value="%s"><input type="hidden" name="m" value="%s">
                <input type="hidden" name="s" value="%s">
                <button type="submit" style="font-size:18px;padding:10px 24px">Send my answer</button>
                </form><p style="color:#555">Chose another number by mistake? Go back to the email and pick again.</p>
                </body></html>
                """.formatted(escape(answer.answer()), escape(answer.survey()), escape(answer.answer()),
                escape(answer.leadId()), escape(answer.messageId()), escape(answer.signature()));
    }

    static final String THANKS = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Thank you</title></head>
            <body style="font-family:Arial,Helvetica,sans-serif;max-width:480px;margin:48px auto;padding:0 16px">
            <h1 style="font-size:22px">Thank you!</h1><p>Your answer has been recorded.</p></body></html>
            """;

    /** HTML attribute and text escaping (the parts are verified patterns already; this keeps it so). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
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
}
