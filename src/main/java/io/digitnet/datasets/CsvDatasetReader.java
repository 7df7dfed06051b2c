package io.digitnet.datasets;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Kaggle-style CSV: {@code label,pixel0,…,pixel783} per line, pixels 0..255, with or without a header line.
 * Parsed byte by byte into the collector (no line is ever held as a string), so a huge line costs no memory; the
 * first problem is reported with its line and column.
 */
final class CsvDatasetReader {

    static final int COLUMNS = 1 + IdxFiles.PIXELS;
    private static final int MAX_TOKEN = 24;

    private final String field;
    private final int labelLimit;
    private final String labelLimitReason;

    /**
     * @param field      the request part the CSV came in (named in errors)
     * @param labelLimit labels must be below this
     * @param labelLimitReason what the limit is, e.g. "classNames has 10 names (0..9)"
     */
    CsvDatasetReader(String field, int labelLimit, String labelLimitReason) {
        this.field = field;
        this.labelLimit = labelLimit;
        this.labelLimitReason = labelLimitReason;
    }

    void read(InputStream in, ImageCollector images) throws IOException {
        byte[] row = new byte[IdxFiles.PIXELS];
        byte[] buffer = new byte[1 << 16];
        StringBuilder token = new StringBuilder();
        long line = 1;
        int column = 0;        // index of the field being read
        long value = 0;
        boolean digits = false;
        boolean bad = false;   // the field holds something that is not a whole number
        boolean headerChecked = false;
        boolean header = false; // the current line is the header
        boolean lineEmpty = true;
        int label = 0;
        boolean start = true;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                if (start) {
                    start = false;
                    if (b == 0xef) { // UTF-8 byte order mark: EF BB BF
                        i += 2;
                        continue;
                    }
                }
                if (b == ',' || b == '\n') {
                    if (!headerChecked) {
                        headerChecked = true;
                        header = bad || !digits; // a first field that is not a number: a header line
                    }
                    if (!header && column < COLUMNS) {
                        int v = fieldValue(line, column, digits, bad, value, token);
                        if (column == 0) {
                            label = checkLabel(line, v);
                        } else {
                            if (v > 255) {
                                throw invalid("line " + line + ", column " + (column + 1) + ": pixel value " + v
                                        + " is outside 0..255");
                            }
                            row[column - 1] = (byte) v;
                        }
                    }
                    column++;
                    value = 0;
                    digits = false;
                    bad = false;
                    token.setLength(0);
                    if (b == '\n') {
                        if (!lineEmpty || column > 1) {
                            if (column != COLUMNS) {
                                throw invalid("line " + line + " has " + column + " columns; every line needs "
                                        + COLUMNS + " (the label, then 784 pixels)"
                                        + (column == IdxFiles.PIXELS ? ": a file without labels (like Kaggle's "
                                        + "test.csv) cannot be trained on" : ""));
                            }
                            if (!header) {
                                images.add(row, 0, label);
                            }
                        }
                        header = false;
                        line++;
                        column = 0;
                        lineEmpty = true;
                    }
                    continue;
                }
                if (b == '\r' || b == ' ' || b == '\t' || b == '"') {
                    continue;
                }
                lineEmpty = false;
                if (token.length() < MAX_TOKEN) {
                    token.append((char) b);
                }
                if (b >= '0' && b <= '9') {
                    digits = true;
                    if (value <= 1_000_000) {
                        value = value * 10 + (b - '0');
                    }
                } else {
                    bad = true;
                }
            }
        }
        // a last line without a newline
        if (!lineEmpty || column > 0) {
            if (!headerChecked) {
                header = bad || !digits;
            }
            if (!header && column < COLUMNS) {
                int v = fieldValue(line, column, digits, bad, value, token);
                if (column == 0) {
                    label = checkLabel(line, v);
                } else {
                    if (v > 255) {
                        throw invalid("line " + line + ", column " + (column + 1) + ": pixel value " + v
                                + " is outside 0..255");
                    }
                    row[column - 1] = (byte) v;
                }
            }
            column++;
            if (column != COLUMNS) {
                throw invalid("line " + line + " has " + column + " columns; every line needs " + COLUMNS
                        + " (the label, then 784 pixels)");
            }
            if (!header) {
                images.add(row, 0, label);
            }
        }
    }

    private int fieldValue(long line, int column, boolean digits, boolean bad, long value, StringBuilder token) {
        if (bad || !digits) {
            String what = column == 0 ? "the label" : "pixel " + column;
            throw invalid("line " + line + ", column " + (column + 1) + " (" + what + "): '" + token
                    + "' is not a whole number" + (column == 0 ? "" : " in 0..255"));
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private int checkLabel(long line, int label) {
        if (label >= labelLimit) {
            throw invalid("line " + line + ": label " + label + " is outside " + labelLimitReason);
        }
        return label;
    }

    private InvalidDatasetException invalid(String message) {
        return new InvalidDatasetException(field, message);
    }
}
