package io.digitnet.npy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The header dict of one {@code .npy} array, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 100), }}.
 * {@link #format()} writes it byte for byte as numpy does; {@link #parse} reads the python literal numpy writes
 * (keys in any order, either quote style, optional trailing commas).
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The dict as numpy's {@code _write_array_header} renders it: sorted keys, repr() values, trailing ", }". */
    String format() {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeRepr() + ", }";
    }

    /** Python's repr of the shape tuple: {@code ()}, {@code (10,)}, {@code (784, 100)}. */
    String shapeRepr() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    static NpyHeader parse(String text) {
        return new Parser(text.strip()).dict();
    }

    /** A recursive-descent reader for the tiny subset of python literals that a .npy header uses. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        NpyHeader dict() {
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            expect('{');
            while (!peek('}')) {
                String key = string();
                expect(':');
                switch (key) {
                    case "descr" -> descr = peek('[') ? fail("structured dtypes are not supported") : string();
                    case "fortran_order" -> fortran = bool();
                    case "shape" -> shape = tuple();
                    default -> fail("unexpected key '" + key + "'");
                }
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            skipSpaces();
            if (i != s.length()) {
                fail("unexpected text after the dict");
            }
            if (descr == null || fortran == null || shape == null) {
                fail("the header must have 'descr', 'fortran_order' and 'shape'");
            }
            return new NpyHeader(descr, fortran, shape);
        }

        private String string() {
            skipSpaces();
            char quote = i < s.length() ? s.charAt(i) : 0;
            if (quote != '\'' && quote != '"') {
                fail("expected a quoted string at position " + i);
            }
            int end = s.indexOf(quote, i + 1);
            if (end < 0) {
                fail("unterminated string at position " + i);
            }
            String value = s.substring(i + 1, end);
            i = end + 1;
            return value;
        }

        private boolean bool() {
            skipSpaces();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            return fail("'fortran_order' must be True or False");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (!peek(')')) {
                skipSpaces();
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    fail("'shape' must be a tuple of non-negative integers");
                }
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++; // python 2 long literal
                }
                try {
                    dims.add(Long.parseLong(s.substring(start, s.charAt(i - 1) == 'L' ? i - 1 : i)));
                } catch (NumberFormatException e) {
                    fail("'shape' has a dimension that is too large");
                }
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private boolean peek(char c) {
            skipSpaces();
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                fail("expected '" + c + "' at position " + i);
            }
            i++;
        }

        private void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private <T> T fail(String reason) {
            throw new IllegalArgumentException(reason + " in header " + s);
        }
    }
}
