package io.digitnet.sweeps;

import io.digitnet.cluster.ClusterNotifications;
import io.digitnet.system.ClusterMode;
import io.digitnet.system.InstanceId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cluster mode: a sweep's events reach every instance, so that {@code GET /sweeps/{id}/events} on one instance
 * streams a sweep fed and trained on others. Each event published here goes out as a small notification naming the
 * sweep, the kind of event and its trial and epoch ({@value #CHANNEL}); the other instances read the sweep as stored
 * (after the change that made the event has committed) and publish the same event as a {@link RemoteSweepEvent}, with
 * the trial as it is by then. After the listening connection was lost, every stream is brought up to date: each
 * sweep's trials as they stand, and the end of those that ended meanwhile.
 */
@Component
@ClusterMode
class SweepEventRelay {

    static final String CHANNEL = "digitnet_sweep_events";
    private static final Logger log = LoggerFactory.getLogger(SweepEventRelay.class);

    /** What travels: the sweep is read from the table, so a notification stays far below PostgreSQL's 8,000 bytes. */
    record Relayed(String instance, String kind, String sweepId, int trial, int epoch) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final ClusterNotifications notifications;
    private final SweepRepository repository;
    private final ApplicationEventPublisher events;
    private final InstanceId instance;

    SweepEventRelay(ClusterNotifications notifications, SweepRepository repository, ApplicationEventPublisher events,
                    InstanceId instance) {
        this.notifications = notifications;
        this.repository = repository;
        this.events = events;
        this.instance = instance;
        notifications.subscribe(CHANNEL, this::received);
        notifications.onReconnect(this::resync);
    }

    @EventListener
    void on(SweepEvent event) {
        Relayed relayed;
        if (event instanceof SweepEvent.TrialChanged changed) {
            relayed = relayed("trial", event.sweep(), changed.trial().number(), 0);
        } else if (event instanceof SweepEvent.TrialEpochCompleted epoch) {
            relayed = relayed("epoch", event.sweep(), epoch.trial().number(), epoch.epoch().epoch());
        } else {
            relayed = relayed(event instanceof SweepEvent.SweepEnded ? "ended" : "started", event.sweep(), 0, 0);
        }
        try {
            notifications.publish(CHANNEL, json.writeValueAsString(relayed));
        } catch (RuntimeException e) {
            log.debug("Sweep {}: event not relayed: {}", relayed.sweepId(), e.getMessage());
        }
    }

    private Relayed relayed(String kind, SweepSnapshot sweep, int trial, int epoch) {
        return new Relayed(instance.get(), kind, sweep.id(), trial, epoch);
    }

    private void received(String payload) {
        Relayed relayed = json.readValue(payload, Relayed.class);
        if (instance.get().equals(relayed.instance())) {
            return; // ours: already published here
        }
        repository.find(relayed.sweepId()).flatMap(sweep -> event(relayed, sweep))
                .ifPresent(event -> events.publishEvent(new RemoteSweepEvent(event)));
    }

    private static Optional<SweepEvent> event(Relayed relayed, SweepSnapshot sweep) {
        Optional<TrialSnapshot> trial = relayed.trial() < 1 || relayed.trial() > sweep.trials().size()
                ? Optional.empty() : Optional.of(sweep.trials().get(relayed.trial() - 1));
        return switch (relayed.kind()) {
            case "started" -> Optional.of(new SweepEvent.SweepStarted(sweep));
            case "trial" -> trial.map(t -> new SweepEvent.TrialChanged(sweep, t));
            case "epoch" -> trial.flatMap(t -> t.epochs().stream().filter(e -> e.epoch() == relayed.epoch())
                    .findFirst().map(e -> new SweepEvent.TrialEpochCompleted(sweep, t, e)));
            case "ended" -> sweep.status().isFinal() ? Optional.of(new SweepEvent.SweepEnded(sweep))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Notifications sent while the connection was down are lost: every trial's state, and every sweep's end. */
    private void resync() {
        for (SweepSnapshot sweep : repository.findAll()) {
            if (sweep.status().isFinal()) {
                events.publishEvent(new RemoteSweepEvent(new SweepEvent.SweepEnded(sweep)));
            } else {
                sweep.trials().stream().filter(t -> t.status() != TrialStatus.PENDING).forEach(t ->
                        events.publishEvent(new RemoteSweepEvent(new SweepEvent.TrialChanged(sweep, t))));
            }
        }
    }
}
