package org.clusterio.io;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.clusterio.api.BinaryFile;
import org.clusterio.api.BinaryFileCreateStruct;
import org.clusterio.api.IOService;
import org.clusterio.api.SiteHandlers;

/**
 * The IO service a deployment gets by {@code @Inject IOService}: each call goes to the site that matches the
 * request being served, or to the deployment's default site outside requests or when no site matches, as Ibexa DXP
 * switches its IO service with the SiteAccess of the request.
 */
public final class RoutingIOService implements IOService {

    /** The host and in-application path of the request being served on this thread, if any. */
    public record RequestCoordinates(String host, String path) {
    }

    private final SiteDirectory sites;
    private final IOService defaultSite;
    private final Supplier<Optional<RequestCoordinates>> currentRequest;

    public RoutingIOService(SiteDirectory sites, IOService defaultSite, Supplier<Optional<RequestCoordinates>> currentRequest) {
        this.sites = sites;
        this.defaultSite = defaultSite;
        this.currentRequest = currentRequest;
    }

    /** @return the site this thread's calls go to now */
    public IOService current() {
        return currentRequest.get().flatMap(request -> sites.match(request.host(), request.path())).orElse(defaultSite);
    }

    @Override
    public String siteName() {
        return current().siteName();
    }

    @Override
    public SiteHandlers handlers() {
        return current().handlers();
    }

    @Override
    public BinaryFile create(BinaryFileCreateStruct struct) {
        return current().create(struct);
    }

    @Override
    public BinaryFile load(String id) {
        return current().load(id);
    }

    @Override
    public Optional<BinaryFile> find(String id) {
        return current().find(id);
    }

    @Override
    public BinaryFile loadByUri(String uri) {
        return current().loadByUri(uri);
    }

    @Override
    public InputStream open(BinaryFile file) {
        return current().open(file);
    }

    @Override
    public InputStream open(BinaryFile file, long offset, long length) {
        return current().open(file, offset, length);
    }

    @Override
    public boolean exists(String id) {
        return current().exists(id);
    }

    @Override
    public String mimeType(String id) {
        return current().mimeType(id);
    }

    @Override
    public void delete(BinaryFile file) {
        current().delete(file);
    }

    @Override
    public void deleteDirectory(String path) {
        current().deleteDirectory(path);
    }

    @Override
    public String internalPath(String id) {
        return current().internalPath(id);
    }

    @Override
    public String externalPath(String internalPath) {
        return current().externalPath(internalPath);
    }

    @Override
    public Stream<BinaryFile> list(String prefix) {
        return current().list(prefix);
    }
}
