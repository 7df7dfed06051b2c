package io.digitnet.inference.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.io.NumberInput;

/**
 * The fast path of {@link PredictRequestConverter}: reads a well-formed {@code /predict} body straight from its bytes
 * into float arrays, without tokens or strings per number. Anything unusual (a syntax error, an unknown or repeated
 * field, a value of the wrong type, escapes or non-ASCII text in a string, a batch over the limit) makes it give up
 * and return null; the token-based reader then reads the same bytes and says exactly what is wrong. So it only has to
 * be right about valid bodies, and there it gives the values the token-based reader gives: integers as
 * {@code (float) long}, decimals correctly rounded to float (Jackson's own parser for the long ones; exact float
 * arithmetic for up to 7 significant digits and 10 decimal places, such as {@code 0.0} or {@code 0.5}).
 */
final class PredictBodyScanner {

    /** 10^0 .. 10^10, each exactly a float. */
    private static final float[] POWERS_OF_TEN = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    /** 10^0 .. 10^22, each exactly a double. */
    private static final double[] DOUBLE_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long FLOAT_DROPPED_BITS = (1L << 29) - 1;
    private static final long HALFWAY = 1L << 28;
    /** Two roundings (m to double, the division) are off by at most about 2 units; 8 leaves room. */
    private static final long MARGIN = 8;
    /** Biased double exponents of the normal floats' range. */
    private static final int FLOAT_MIN_NORMAL_EXPONENT = 1023 - 126;
    private static final int FLOAT_MAX_EXPONENT = 1023 + 127;
    /** Integers up to 2^24 are exact floats. */
    private static final long EXACT_FLOAT_INTEGER = 1L << 24;
    private static final int PIXELS = 784;
    /** Jackson's default StreamReadConstraints.maxNumberLength. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private final byte[] b;
    private final int end;
    private int i;
    private char[] chars = new char[32];

    private PredictBodyScanner(byte[] body, int length) {
        this.b = body;
        this.end = length;
    }

    /** The request, or null when the body is anything but a well-formed request within {@code maxBatch}. */
    static PredictRequest scan(byte[] body, int length, int maxBatch) {
        try {
            return new PredictBodyScanner(body, length).request(maxBatch);
        } catch (Unusual e) {
            return null;
        }
    }

    private PredictRequest request(int maxBatch) {
        float[] pixels = null;
        float[][] instances = null;
        String model = null;
        String pixelRange = null;
        int seen = 0;
        whitespace();
        expect('{');
        whitespace();
        if (peek() == '}') {
            i++;
        } else {
            while (true) {
                String name = string();
                whitespace();
                expect(':');
                whitespace();
                int field = switch (name) {
                    case "pixels" -> 1;
                    case "instances" -> 2;
                    case "model" -> 4;
                    case "pixelRange" -> 8;
                    default -> throw Unusual.INSTANCE;
                };
                if ((seen & field) != 0) {
                    throw Unusual.INSTANCE;
                }
                seen |= field;
                boolean isNull = nullLiteral();
                switch (field) {
                    case 1 -> pixels = isNull ? null : floats();
                    case 2 -> instances = isNull ? null : instances(maxBatch);
                    case 4 -> model = isNull ? null : string();
                    default -> pixelRange = isNull ? null : string();
                }
                whitespace();
                byte c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw Unusual.INSTANCE;
                }
                whitespace();
            }
        }
        whitespace();
        if (i != end) {
            throw Unusual.INSTANCE;
        }
        return new PredictRequest(pixels, instances, model, pixelRange, null); // "dataset" goes the token way
    }

    private float[][] instances(int maxBatch) {
        expect('[');
        whitespace();
        float[][] images = new float[Math.min(maxBatch, 16)][];
        int count = 0;
        if (peek() == ']') {
            i++;
            return new float[0][];
        }
        while (true) {
            if (count == maxBatch) {
                throw Unusual.INSTANCE;
            }
            if (count == images.length) {
                images = Arrays.copyOf(images, Math.min(maxBatch, count * 2));
            }
            images[count++] = floats();
            whitespace();
            byte c = next();
            if (c == ']') {
                return count == images.length ? images : Arrays.copyOf(images, count);
            }
            if (c != ',') {
                throw Unusual.INSTANCE;
            }
            whitespace();
        }
    }

    private float[] floats() {
        expect('[');
        whitespace();
        if (peek() == ']') {
            i++;
            return new float[0];
        }
        float[] values = new float[PIXELS];
        int n = 0;
        while (true) {
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = number();
            whitespace();
            byte c = next();
            if (c == ']') {
                return n == values.length ? values : Arrays.copyOf(values, n);
            }
            if (c != ',') {
                throw Unusual.INSTANCE;
            }
            whitespace();
        }
    }

    /** One JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private float number() {
        int start = i;
        boolean negative = peek() == '-';
        if (negative) {
            i++;
        }
        long m = 0;          // significant digits, up to 18
        int significant = 0;
        boolean tooLong = false;
        int c = peek();
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            while (i < end && (c = b[i]) >= '0' && c <= '9') {
                if (significant < 18) {
                    m = m * 10 + (c - '0');
                    significant++;
                } else {
                    tooLong = true;
                }
                i++;
            }
        } else {
            throw Unusual.INSTANCE;
        }
        if (i == end || (b[i] != '.' && b[i] != 'e' && b[i] != 'E')) {
            // an integer: as (float) long, like the token-based reader
            if (i - start > MAX_NUMBER_LENGTH) {
                throw Unusual.INSTANCE;
            }
            return tooLong ? slow(start) : (float) (negative ? -m : m);
        }
        int scale = 0;       // value = m × 10^-scale (before the exponent)
        if (b[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && (c = b[i]) >= '0' && c <= '9') {
                if (significant < 18) {
                    if (m != 0 || c != '0') {
                        significant++;
                    }
                    m = m * 10 + (c - '0');
                    scale++;
                } else {
                    tooLong = true;
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                throw Unusual.INSTANCE;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int exponent = 0;
            int digits = 0;
            while (i < end && (c = b[i]) >= '0' && c <= '9') {
                if (digits < 6) {
                    exponent = exponent * 10 + (c - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                throw Unusual.INSTANCE;
            }
            if (digits >= 6) {
                tooLong = true;
            }
            scale -= negativeExponent ? -exponent : exponent;
        }
        if (tooLong) {
            return slow(start);
        }
        if (i - start > MAX_NUMBER_LENGTH) {
            throw Unusual.INSTANCE; // over Jackson's default limit: let it say so
        }
        if (m == 0) {
            return negative ? -0f : 0f;
        }
        if (m <= EXACT_FLOAT_INTEGER && scale >= -10 && scale <= 10) {
            // one correctly rounded float operation on exact operands: the correctly rounded result
            float v = scale >= 0 ? (float) m / POWERS_OF_TEN[scale] : (float) m * POWERS_OF_TEN[-scale];
            return negative ? -v : v;
        }
        if (scale >= 0 && scale < DOUBLE_POWERS_OF_TEN.length) {
            // Long decimals (json.dumps writes 16-17 digits): in double precision, m / 10^scale is within a few units
            // of the double's last place of the exact value. Rounding that double to float gives the correctly
            // rounded float unless the double lies that close to a halfway point between two floats; then Jackson's
            // parser decides.
            double d = (double) m / DOUBLE_POWERS_OF_TEN[scale];
            long bits = Double.doubleToRawLongBits(d);
            int exponent = (int) (bits >>> 52) & 0x7ff;
            long belowFloat = bits & FLOAT_DROPPED_BITS; // the 29 bits of the double that a float drops
            if (exponent > FLOAT_MIN_NORMAL_EXPONENT && exponent < FLOAT_MAX_EXPONENT
                    && Math.abs(belowFloat - HALFWAY) > MARGIN) {
                float v = (float) d;
                return negative ? -v : v;
            }
        }
        return slow(start);
    }

    /** Jackson's own (correctly rounded) parser, for the number that ends here. */
    private float slow(int start) {
        int length = i - start;
        if (length > chars.length) {
            chars = new char[length];
        }
        for (int k = 0; k < length; k++) {
            chars[k] = (char) b[start + k];
        }
        return NumberInput.parseFloat(chars, 0, length, true);
    }

    /** A string without escapes, control characters or non-ASCII bytes. */
    private String string() {
        expect('"');
        int start = i;
        while (i < end) {
            byte c = b[i];
            if (c == '"') {
                i++;
                return new String(b, start, i - 1 - start, StandardCharsets.US_ASCII);
            }
            if (c == '\\' || c < 0x20) { // a negative byte is non-ASCII
                throw Unusual.INSTANCE;
            }
            i++;
        }
        throw Unusual.INSTANCE;
    }

    private boolean nullLiteral() {
        if (i + 4 <= end && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
            i += 4;
            return true;
        }
        return false;
    }

    private void whitespace() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    private int peek() {
        if (i == end) {
            throw Unusual.INSTANCE;
        }
        return b[i];
    }

    private byte next() {
        if (i == end) {
            throw Unusual.INSTANCE;
        }
        return b[i++];
    }

    private void expect(char c) {
        if (next() != c) {
            throw Unusual.INSTANCE;
        }
    }

    /** Not a body for the fast path; thrown without a stack trace, caught in {@link #scan}. */
    private static final class Unusual extends RuntimeException {
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }
}
