package org.clusterio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ManagementOptionsTest {

    @Test
    void theControllerDefaultsToTheLocalManagementInterface() throws Exception {
        ManagementOptions options = of();
        assertEquals("remote+http://127.0.0.1:9990", options.controller());
        assertEquals(Optional.empty(), options.user());
        assertEquals(Optional.empty(), options.domainServer());
    }

    @Test
    void theControllerTakesAProtocolAHostAndAPort() throws Exception {
        assertEquals("remote+https://admin.example.com:9993", of("--controller=remote+https://admin.example.com:9993").controller());
        assertEquals("remote+http://db1:9990", of("--controller=db1").controller());
        assertEquals("remote+http://127.0.0.1:10090", of("--controller=127.0.0.1:10090").controller());
        ManagementOptions ipv6 = of("--controller=[::1]:9990");
        assertEquals("::1", ipv6.hostName());
        assertEquals(9990, ipv6.port());
        assertEquals("remote+http://[::1]:9990", ipv6.controller());
        assertEquals("::1", of("--controller=[::1]").hostName());
    }

    @Test
    void badControllersAreRefused() {
        assertThrows(UsageException.class, () -> of("--controller=host:99999"));
        assertThrows(UsageException.class, () -> of("--controller=host:http"));
        assertThrows(UsageException.class, () -> of("--controller=:9990"));
    }

    @Test
    void aDomainServerIsAHostAndAServer() throws Exception {
        ManagementOptions options = of("--controller=dc:9990", "--host=primary", "--server=server-one");
        assertEquals(Optional.of(new ManagementOptions.DomainServer("primary", "server-one")), options.domainServer());
        assertEquals("--host and --server go together: they name a server of a managed domain",
                assertThrows(UsageException.class, () -> of("--host=primary")).getMessage());
        assertThrows(UsageException.class, () -> of("--server=server-one"));
    }

    @Test
    void aPasswordFileBelongsToAUser() throws Exception {
        assertEquals("--password-file is the password of a --user: name the user",
                assertThrows(UsageException.class, () -> of("--password-file=secret.txt")).getMessage());
        ManagementOptions options = of("--user=admin", "--password-file=secret.txt");
        assertEquals(Optional.of("admin"), options.user());
        assertEquals(Optional.of(Path.of("secret.txt")), options.passwordFile());
    }

    private static ManagementOptions of(String... arguments) throws UsageException {
        return ManagementOptions.of(Options.parse(List.of(arguments), ManagementOptions.NAMES, Set.of(), "test"));
    }
}
