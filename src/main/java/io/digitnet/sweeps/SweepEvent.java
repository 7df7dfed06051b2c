package io.digitnet.sweeps;

/** Something that happened to a sweep; carries the sweep as it was right after. */
public sealed interface SweepEvent permits SweepEvent.SweepStarted, SweepEvent.TrialChanged,
        SweepEvent.TrialEpochCompleted, SweepEvent.SweepEnded {

    SweepSnapshot sweep();

    /** A sweep was accepted; its trials are fed from now on. */
    record SweepStarted(SweepSnapshot sweep) implements SweepEvent {
    }

    /** A trial's status changed: submitted, started, ended. */
    record TrialChanged(SweepSnapshot sweep, TrialSnapshot trial) implements SweepEvent {
    }

    /** A trial finished an epoch. */
    record TrialEpochCompleted(SweepSnapshot sweep, TrialSnapshot trial, TrialEpoch epoch) implements SweepEvent {
    }

    /** The sweep ended (its status is final); nothing happens to it afterwards. */
    record SweepEnded(SweepSnapshot sweep) implements SweepEvent {
    }
}
