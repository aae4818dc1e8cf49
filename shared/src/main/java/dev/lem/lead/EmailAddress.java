package dev.lem.lead;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A syntactically valid, normalised email address: Unicode NFC, trimmed, lower-cased, the domain in
 * its ASCII (punycode) form. Two spellings of one mailbox normalise to the same value, which is what
 * identity hashing needs.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    /** RFC 5322 dot-atom local part, plus UTF-8 letters with their combining marks (RFC 6531). */
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public EmailAddress {
        if (!normalise(value).map(value::equals).orElse(false)) {
            throw new IllegalArgumentException("not a normalised email address");
        }
    }

    /** Normalises and validates; empty when the text is not a usable address. */
    public static Optional<EmailAddress> parse(String raw) {
        return normalise(raw).map(EmailAddress::new);
    }

    static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
        if (text.length() > MAX_LENGTH * 2) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        String local = text.substring(0, at).toLowerCase(Locale.ROOT);
        String domain;
        try {
            domain = IDN.toASCII(text.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches() || !validDomain(domain)
                || confusable(local, domain)) {
            return Optional.empty();
        }
        String normalised = local + "@" + domain;
        return normalised.length() > MAX_LENGTH ? Optional.empty() : Optional.of(normalised);
    }

    /**
     * Spoofing defence (a subset of Unicode TS #39's "highly restrictive" profile): a local part with compatibility
     * characters (fullwidth letters, ligatures: NFKC would change it), or a local part or domain label mixing
     * scripts (Latin with Cyrillic or Greek, e.g. {@code pаypal} with a Cyrillic а), is refused. Latin with the
     * CJK scripts of one language is allowed; a label written wholly in one script is allowed.
     */
    private static boolean confusable(String local, String asciiDomain) {
        if (!Normalizer.normalize(local, Normalizer.Form.NFKC).equals(local) || mixedScripts(local)) {
            return true;
        }
        String unicodeDomain;
        try {
            unicodeDomain = IDN.toUnicode(asciiDomain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return true;
        }
        for (String label : unicodeDomain.split("\\.", -1)) {
            if (mixedScripts(label)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.List<java.util.Set<Character.UnicodeScript>> ALLOWED_SCRIPT_MIXES = java.util.List.of(
            java.util.Set.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            java.util.Set.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL),
            java.util.Set.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO));

    private static boolean mixedScripts(String text) {
        java.util.Set<Character.UnicodeScript> scripts = java.util.EnumSet.noneOf(Character.UnicodeScript.class);
        text.codePoints().mapToObj(Character.UnicodeScript::of)
                .filter(s -> s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED)
                .forEach(scripts::add);
        return scripts.size() > 1 && ALLOWED_SCRIPT_MIXES.stream().noneMatch(allowed -> allowed.containsAll(scripts));
    }

    private static boolean validDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
