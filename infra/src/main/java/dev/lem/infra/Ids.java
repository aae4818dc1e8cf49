package dev.lem.infra;

/** Construct ids from LEM's kebab-case names. */
final class Ids {

    private Ids() {}

    /** {@code "notify-dlq"} → {@code "NotifyDlq"}, the CDK's usual PascalCase. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
