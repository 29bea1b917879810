package dev.orderservice.http;

import java.net.URL;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.handler.ResourceHandler;

/**
 * A folder of the classpath served under one URL path by Jetty's {@link ResourceHandler}: ETag and
 * Last-Modified, 304 on revalidation, ranges and HEAD, contents cached in memory.
 *
 * <p>Only files are found here. A directory, other than the page root that serves its welcome
 * file, counts as not found (the router then answers its 404 problem) rather than being
 * listed, redirected to or refused with 403. Paths arrive decoded and normalised, and Jetty's
 * URI compliance has already refused encoded dot segments and separators, so nothing outside the
 * folder can be named.
 */
final class StaticFiles extends ResourceHandler {

    private final String path;
    private final String prefix;
    private final String welcomeFile;

    /**
     * @param path        the URL path served, {@code /} or a prefix without the trailing slash
     * @param folder      the classpath folder, e.g. {@code web}
     * @param welcomeFile the file served for the root path, or null for none
     */
    StaticFiles(String path, String folder, String welcomeFile) {
        this.path = path;
        this.prefix = path.equals("/") ? "" : path;
        this.welcomeFile = welcomeFile;
        URL base = StaticFiles.class.getResource("/" + folder + "/");
        if (base == null) {
            throw new IllegalStateException(folder + " is missing from the classpath");
        }
        setBaseResourceAsString(base.toString());
        setDirAllowed(false);
        setEtags(true);
        setWelcomeMode(ResourceService.WelcomeMode.SERVE);
        if (welcomeFile != null) {
            setWelcomeFiles(welcomeFile);
        }
    }

    String path() {
        return path;
    }

    /** Whether a request path is under this mount (the root mount takes every path). */
    boolean serves(String requestPath) {
        return prefix.isEmpty() || (requestPath.startsWith(prefix) && requestPath.length() > prefix.length()
                && requestPath.charAt(prefix.length()) == '/');
    }

    @Override
    protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized buffers) {
        HttpContent.Factory files = super.newHttpContentFactory(buffers);
        return requestPath -> {
            String inFolder = requestPath.substring(prefix.length());
            HttpContent content = files.getContent(inFolder);
            if (content == null || !content.getResource().isDirectory()) {
                return content;
            }
            return welcomeFile != null && inFolder.equals("/") ? content : null;
        };
    }
}
