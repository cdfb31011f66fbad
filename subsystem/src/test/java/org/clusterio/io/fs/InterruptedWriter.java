package org.clusterio.io.fs;

import java.io.InputStream;
import java.nio.file.Path;

import org.clusterio.io.SiteLayout;

/**
 * A writer process for {@link TemporaryFileSweepTest}: stores {@code images/big.bin} through the filesystem handler
 * from a content that never ends, a little at a time, until the test kills the process.
 */
public final class InterruptedWriter {

    private InterruptedWriter() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        FilesystemBinarydataStore store = new FilesystemBinarydataStore(root, "$var_dir$/$storage_dir$/", PosixPermissions.fromOctal("0644"),
                PosixPermissions.fromOctal("0755"), false);
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                try {
                    Thread.sleep(20); // a slow upload: the test sees a partial file long before any end
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                java.util.Arrays.fill(buffer, offset, offset + Math.min(length, 1024), (byte) 'x');
                return Math.min(length, 1024);
            }
        };
        store.forSite(new SiteLayout("site", "var/site", "storage")).create("images/big.bin", endless, -1);
    }
}
