package io.digitnet.datasets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Downloads one URL to a temporary file with the JDK HttpClient. The client's connect timeout covers the connection,
 * the request timeout the wait for the response headers, and a watchdog here the body: a download that makes no
 * progress for {@code readTimeout} is cancelled, while a slow one that keeps moving is left to finish.
 */
final class HttpDownloader {

    private static final Logger log = LoggerFactory.getLogger(HttpDownloader.class);
    private static final long PROGRESS_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** Created on first use: a client starts a selector thread, and most runs find every file already there. */
    private HttpClient client;

    HttpDownloader(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /** Downloads {@code uri} into a new hidden temporary file in {@code dir}; the caller owns the file. */
    Path download(URI uri, Path dir) throws IOException {
        Path temp = Files.createTempFile(dir, ".download-", ".part");
        boolean downloaded = false;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(readTimeout)
                    .header("User-Agent", "digitnet")
                    .GET()
                    .build();
            AtomicLong bytes = new AtomicLong();
            AtomicLong lastProgress = new AtomicLong(System.nanoTime());
            long started = lastProgress.get();
            log.info("downloading {}", uri);
            CompletableFuture<HttpResponse<Path>> response = client().sendAsync(request, info ->
                    info.statusCode() == 200
                    ? new ProgressSubscriber(BodySubscribers.ofFile(temp), bytes, lastProgress)
                    : BodySubscribers.replacing(null));
            HttpResponse<Path> done = await(response, uri, bytes, lastProgress);
            if (done.statusCode() != 200) {
                throw new IOException("HTTP " + done.statusCode() + " from " + uri);
            }
            log.info("downloaded {}: {} in {} s", uri, megabytes(bytes.get()),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
            downloaded = true;
            return temp;
        } finally {
            if (!downloaded) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private HttpResponse<Path> await(CompletableFuture<HttpResponse<Path>> response, URI uri, AtomicLong bytes,
                                     AtomicLong lastProgress) throws IOException {
        long pollMillis = Math.max(10, Math.min(1000, readTimeout.toMillis() / 4));
        long lastLog = System.nanoTime();
        while (true) {
            try {
                return response.get(pollMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - lastProgress.get() > readTimeout.toNanos()) {
                    response.cancel(true);
                    throw new HttpTimeoutException("no data from " + uri + " for " + readTimeout.toMillis() + " ms");
                }
                if (now - lastLog > PROGRESS_LOG_NANOS) {
                    log.info("downloading {}: {} so far", uri, megabytes(bytes.get()));
                    lastLog = now;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause.toString(), cause);
            } catch (InterruptedException e) {
                response.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while downloading " + uri);
            }
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    /** Passes the body on to the file while noting how much arrived and when. */
    private record ProgressSubscriber(BodySubscriber<Path> file, AtomicLong bytes, AtomicLong lastProgress)
            implements BodySubscriber<Path> {

        @Override
        public CompletionStage<Path> getBody() {
            return file.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            file.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long received = 0;
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            bytes.addAndGet(received);
            lastProgress.set(System.nanoTime());
            file.onNext(buffers);
        }

        @Override
        public void onError(Throwable throwable) {
            file.onError(throwable);
        }

        @Override
        public void onComplete() {
            file.onComplete();
        }
    }
}
