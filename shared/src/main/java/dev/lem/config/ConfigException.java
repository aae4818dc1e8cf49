package dev.lem.config;

/** Configuration missing or invalid at cold start; the message names the variable, never its value. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
