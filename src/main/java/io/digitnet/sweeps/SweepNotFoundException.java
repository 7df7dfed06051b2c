package io.digitnet.sweeps;

public class SweepNotFoundException extends RuntimeException {

    public SweepNotFoundException(String id) {
        super("no sweep with id '" + id + "'");
    }
}
