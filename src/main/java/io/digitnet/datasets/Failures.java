package io.digitnet.datasets;

import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Failures put into words for logs and error messages. */
final class Failures {

    private Failures() {
    }

    /** The exception and its causes in one line: the JDK's network exceptions often carry no message of their own. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        boolean unresolved = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
            unresolved |= t instanceof UnresolvedAddressException || t instanceof UnknownHostException;
        }
        if (unresolved) {
            text.append(" (the host name does not resolve: no internet access or no DNS?)");
        }
        return text.toString();
    }
}
