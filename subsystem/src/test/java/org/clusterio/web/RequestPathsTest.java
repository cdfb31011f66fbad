package org.clusterio.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequestPathsTest {

    @Test
    void pathParametersOfEverySegmentGo() {
        assertEquals("/var/site/storage/images/a.jpg", RequestPaths.withoutPathParameters("/var/site/storage/images/a.jpg;jsessionid=x"));
        assertEquals("/var/site/storage/images/a.jpg", RequestPaths.withoutPathParameters("/var;v=1/site/storage;a;b=c/images/a.jpg;"));
        assertEquals("/images/../x", RequestPaths.withoutPathParameters("/images/..;/x"), "'..;' becomes '..', which the id check refuses");
        assertEquals("/images/a%3Bb.jpg", RequestPaths.withoutPathParameters("/images/a%3Bb.jpg"), "an encoded ';' is part of the name");
        assertEquals("/a/", RequestPaths.withoutPathParameters("/a;x/;y"));
        assertEquals("/", RequestPaths.withoutPathParameters("/;x"));
        assertEquals("/plain", RequestPaths.withoutPathParameters("/plain"));
    }

    @Test
    void routingRefusesDotSegmentsAndControlCharacters() {
        assertEquals(Optional.of("/admin/which/x"), RequestPaths.plain("/admin/which/x"));
        assertEquals(Optional.of("/"), RequestPaths.plain("/"));
        for (String hostile : new String[] { "/admin/../which/x", "/admin/./x", "/admin/..", "/a\\b", "/a\u0000b", "/a\nb" }) {
            assertEquals(Optional.empty(), RequestPaths.plain(hostile), hostile);
        }
    }
}
