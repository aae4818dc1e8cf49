package dev.lem.capture;

import java.util.Optional;

/** Server-side CAPTCHA verification (Turnstile, reCAPTCHA): is this widget response a solved challenge? */
public interface CaptchaVerifier {

    /** The form field the widget fills (Turnstile's default name). */
    String RESPONSE_FIELD = "cf-turnstile-response";

    /**
     * @param response the widget's response token, as posted
     * @param remoteIp the client's IP, passed to the provider only (never stored)
     * @throws CaptchaUnavailableException when the provider cannot be asked (the submission is not refused for it)
     */
    boolean verify(String response, Optional<String> remoteIp);
}
