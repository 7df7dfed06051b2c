package io.digitnet.models;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Model ids and alias names. Both are checked against strict patterns before they come near a path or the alias file,
 * so no request can name anything outside the model directory ({@code ..}, slashes, dots, absolute paths all fail).
 *
 * <p>An id is {@code m-<UTC yyyyMMddHHmmssSSS>-<6 hex>}: short, sorts by creation time, and safe as a folder name.
 * An alias starts with a letter and never looks like an id, so {@code resolve} can tell them apart.
 */
public final class ModelIds {

    /** The alias that always means the newest readable model; it cannot be set or removed. */
    public static final String LATEST = "latest";

    private static final int ID_LENGTH = 26; // "m-" + 17 digits + "-" + 6 hex
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ModelIds() {
    }

    static String newId(Instant createdAt) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "m-" + TIME.format(createdAt) + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * Whether the value has the form of an id ({@code m-<17 digits>-<6 lowercase hex>}). Written out rather than
     * matched with a regex: it runs several times for every prediction that names a model (a Matcher per call was
     * 4% of a V2 binary inference's CPU).
     */
    public static boolean isId(String value) {
        if (value == null || value.length() != ID_LENGTH || !value.startsWith("m-") || value.charAt(19) != '-') {
            return false;
        }
        for (int i = 2; i < 19; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        for (int i = 20; i < ID_LENGTH; i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public static boolean isAlias(String value) {
        return value != null && ALIAS.matcher(value).matches() && !isId(value);
    }

    /** @throws InvalidModelReferenceException unless the value is a well-formed id */
    public static String requireId(String value) {
        if (!isId(value)) {
            throw new InvalidModelReferenceException("'" + abbreviate(value)
                    + "' is not a model id (ids look like m-20260101120000000-1a2b3c)");
        }
        return value;
    }

    /** @throws InvalidModelReferenceException unless the value is an alias that may be set or removed */
    public static String requireSettableAlias(String value) {
        if (LATEST.equals(value)) {
            throw new InvalidModelReferenceException("'latest' always means the newest model; it cannot be set or removed");
        }
        if (!isAlias(value)) {
            throw new InvalidModelReferenceException("'" + abbreviate(value) + "' is not a valid alias (a lowercase "
                    + "letter, then up to 62 lowercase letters, digits, '-' or '_'; not shaped like a model id)");
        }
        return value;
    }

    /** @throws InvalidModelReferenceException unless the value is an id or an alias (including 'latest') */
    static void requireIdOrAlias(String value) {
        if (!isId(value) && !isAlias(value)) {
            throw new InvalidModelReferenceException("'" + abbreviate(value) + "' is neither a model id nor an alias");
        }
    }

    /** Keeps error messages short and printable whatever a client sent. */
    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
