package io.digitnet.inference;

/** A V2 request named a version (a model id) that its model name does not resolve to. */
public class UnknownVersionException extends RuntimeException {

    public UnknownVersionException(String name, String version, String current) {
        super("model '" + name + "' has no version '" + version + "': a version is a model id, and '" + name
                + "' is version '" + current + "'");
    }
}
