package dev.lem.capture;

/** The CAPTCHA provider did not answer usefully (network, 5xx, malformed reply): retry later. */
public class CaptchaUnavailableException extends RuntimeException {
    public CaptchaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
