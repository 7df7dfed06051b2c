package io.digitnet.web;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.core.ApplicationPart;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;

/**
 * A multipart request whose body {@link BodyDeadlineFilter} received (into memory, or spooled to a file for the large
 * ones): its parts are parsed from that copy, as the container would parse them (Tomcat's own parser, the same
 * {@code spring.servlet.multipart.*} limits, or the endpoint's larger one, and spool folder), because the container parses parts from the connection's stream, which the deadline does not guard.
 * Form fields are request parameters, as in the container.
 */
final class BufferedMultipartRequest extends HttpServletRequestWrapper {

    /** Tomcat's default for {@code maxPartCount}. */
    private static final int MAX_PARTS = 50;

    private final BufferedBodyRequest body;
    private final MultipartConfigElement config;
    private List<Part> parts;
    private IllegalStateException failure;
    private Map<String, String[]> parameters;

    BufferedMultipartRequest(BufferedBodyRequest body, MultipartConfigElement config) {
        super(body);
        this.body = body;
        this.config = config;
    }

    @Override
    public Collection<Part> getParts() {
        return Collections.unmodifiableList(parse());
    }

    @Override
    public Part getPart(String name) {
        return parse().stream().filter(part -> name.equals(part.getName())).findFirst().orElse(null);
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    /** The query string's parameters, then the form fields (parts without a file name), as the container does. */
    @Override
    public Map<String, String[]> getParameterMap() {
        if (parameters == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            super.getParameterMap().forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(List.of(values)));
            List<Part> fields;
            try {
                fields = parse();
            } catch (IllegalStateException e) {
                fields = List.of(); // an unreadable body: getParts() says why, parameters are just the query's
            }
            for (Part part : fields) {
                if (part.getSubmittedFileName() == null) {
                    all.computeIfAbsent(part.getName(), n -> new ArrayList<>()).add(text(part));
                }
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            all.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
            parameters = Collections.unmodifiableMap(map);
        }
        return parameters;
    }

    /** Removes the parts spooled to disk; called once the request is handled. */
    void deleteParts() {
        if (parts == null) {
            return;
        }
        for (Part part : parts) {
            try {
                part.delete();
            } catch (IOException e) {
                // the container's own clean-up at start removes what is left (UploadTempFiles)
            }
        }
    }

    private List<Part> parse() {
        if (failure != null) {
            throw failure;
        }
        if (parts != null) {
            return parts;
        }
        File location = folder(config);
        DiskFileItemFactory factory = new DiskFileItemFactory(Math.max(0, config.getFileSizeThreshold()), location);
        FileUpload upload = new FileUpload();
        upload.setFileItemFactory(factory);
        upload.setFileSizeMax(config.getMaxFileSize());
        upload.setSizeMax(config.getMaxRequestSize());
        upload.setFileCountMax(MAX_PARTS);
        try {
            List<Part> parsed = new ArrayList<>();
            for (FileItem item : upload.parseRequest(new Context())) {
                parsed.add(new ApplicationPart(item, location));
            }
            parts = parsed;
            return parts;
        } catch (FileUploadException e) {
            // as the container reports it: Spring turns a message about a size exceeded into a 413, the rest into 400
            failure = new IllegalStateException(e);
            throw failure;
        }
    }

    private String text(Part part) {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tomcat's parser needs the length (it casts to {@link UploadContext}): the bytes buffered. */
    private final class Context implements UploadContext {
        @Override
        public long contentLength() {
            return body.getContentLengthLong() >= 0 ? body.getContentLengthLong() : -1;
        }

        @Override
        public String getCharacterEncoding() {
            return body.getCharacterEncoding();
        }

        @Override
        public String getContentType() {
            return body.getContentType();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return body.getInputStream();
        }
    }

    /** Where parts larger than the threshold are spooled, and bodies by {@link BodySpool}. */
    static File folder(MultipartConfigElement config) {
        String configured = config.getLocation();
        return new File(configured == null || configured.isBlank() ? System.getProperty("java.io.tmpdir")
                : configured);
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
    }
}
