package io.digitnet.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses requests that write (the mutations of {@link SecuritySettings#requiresKey}) with 507 while the data
 * directory has less free space than {@code management.health.diskspace.threshold}, the same rule that makes the
 * {@code diskSpace} health indicator, and so readiness, DOWN; and while no file can be created there (no inodes left),
 * the {@link DataDirectoryProbe} behind {@code dataDirectory}. Checked on every such request (the probe's answer is
 * kept 2 s): when space or inodes return, writes are accepted again without a restart.
 */
@Component
@EnableConfigurationProperties(SecuritySettings.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
class DiskSpaceGuardFilter extends OncePerRequestFilter {

    /** The problem type's slug of every answer that says the disk is full. */
    static final String DISK_FULL = "disk-full";

    private final SecuritySettings settings;
    private final List<EndpointGroup> endpoints;
    private final ProblemResponses problems;
    private final File dataDir;
    private final DataSize threshold;
    private final DataDirectoryProbe probe;

    DiskSpaceGuardFilter(SecuritySettings settings, ObjectProvider<EndpointGroup> endpoints, JsonMapper json,
                         @Value("${management.health.diskspace.path:${digitnet.data-dir:.}}") File dataDir,
                         @Value("${management.health.diskspace.threshold:10MB}") DataSize threshold,
                         ObjectProvider<DataDirectoryProbe> probe) {
        this.settings = settings;
        this.endpoints = endpoints.orderedStream().toList();
        this.problems = new ProblemResponses(json);
        this.dataDir = dataDir;
        this.threshold = threshold;
        // MVC test slices build filters but not other components: a probe of its own there
        this.probe = probe.getIfAvailable(() -> new DataDirectoryProbe(dataDir));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !settings.requiresKey(request.getMethod(), path.isEmpty() ? "/" : path, endpoints);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long free = dataDir.getUsableSpace();
        if (free < threshold.toBytes() && dataDir.exists()) {
            problems.write(request, response, HttpStatus.INSUFFICIENT_STORAGE, DISK_FULL, "Disk full",
                    "The disk is full: the data directory has " + free + " bytes free, less than the "
                            + threshold.toBytes() + " bytes required (management.health.diskspace.threshold): nothing "
                            + "that writes is accepted until space is freed.");
            return;
        }
        DataDirectoryProbe.Result probed = probe.check();
        if (!probed.writable()) {
            problems.write(request, response, HttpStatus.INSUFFICIENT_STORAGE, DISK_FULL, "Disk full",
                    "The disk is full: " + probed.problem() + ", there is no space or no inode left on its "
                            + "filesystem: nothing that writes is accepted until files can be created again.");
            return;
        }
        chain.doFilter(request, response);
    }
}
