package org.clusterio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.clusterio.api.InvalidBinaryFileIdException;
import org.junit.jupiter.api.Test;

class UrlPrefixTest {

    @Test
    void relativePrefixesGiveRootRelativeUris() {
        assertEquals("/var/site/storage/images/a.jpg", UrlPrefix.of("var/site/storage").uriFor("images/a.jpg"));
        assertEquals("/var/site/storage/images/a.jpg", UrlPrefix.of("/var/site/storage/").uriFor("images/a.jpg"));
        assertEquals("/images/a.jpg", UrlPrefix.of("").uriFor("images/a.jpg"));
    }

    @Test
    void absolutePrefixesAreUsedAsIs() {
        assertEquals("http://static.example.com/images/a.jpg", UrlPrefix.of("http://static.example.com").uriFor("images/a.jpg"));
        assertEquals("https://cdn.example.com/v/images/a.jpg", UrlPrefix.of("https://cdn.example.com/v/").uriFor("images/a.jpg"));
        assertEquals("//cdn.example.com/images/a.jpg", UrlPrefix.of("//cdn.example.com").uriFor("images/a.jpg"));
    }

    @Test
    void encodesWhatAUriCannotHoldAndDecodesItBack() {
        UrlPrefix prefix = UrlPrefix.of("var/site/storage");
        String id = "images/1/2/1234-1-eng-GB/Ça va? #1 100%.jpg";
        String uri = prefix.uriFor(id);
        assertEquals("/var/site/storage/images/1/2/1234-1-eng-GB/%C3%87a%20va%3F%20%231%20100%25.jpg", uri);
        assertEquals(Optional.of(id), prefix.idFromUri(uri));
    }

    @Test
    void refusesUrisOutsideThePrefixOrBadlyEncoded() {
        UrlPrefix prefix = UrlPrefix.of("var/site/storage");
        assertEquals(Optional.empty(), prefix.idFromUri("/var/admin/storage/a.jpg"));
        assertEquals(Optional.empty(), prefix.idFromUri("/var/site/storageX/a.jpg"));
        assertThrows(InvalidBinaryFileIdException.class, () -> prefix.idFromUri("/var/site/storage/a%2"));
        assertThrows(InvalidBinaryFileIdException.class, () -> prefix.idFromUri("/var/site/storage/a%C3"));
    }
}
