package org.clusterio.test.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.clusterio.test.support.Chromium;
import org.clusterio.test.support.PostgresqlDfsSetup;
import org.clusterio.test.support.SecondServer;
import org.clusterio.testing.TestImages;
import org.clusterio.test.support.TextHttp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The quick start's gallery in a real browser (headless Chromium), on two nodes that share one DFS table and one
 * directory as docs/cli/dfs-on-postgresql.cli configures them: images uploaded through the form are rendered from the
 * storage filter's URIs, paged, deleted, bad uploads are refused with their reason, and the other node shows the same
 * images through its own storage filter and says that it served the page. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(PostgresqlDfsSetup.class)
@RunAsClient
class GalleryBrowserTestCase {

    private static final Path TARGET = Path.of(System.getProperty("jboss.home")).getParent();
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");
    private static final String STORAGE_FILTER_URI = "/demo/var/[^/]+/storage/images/demo/[^/]+";

    /** Names of this run, so that images left by earlier runs in the shared table never count. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Path uploads = TARGET.resolve("gallery-uploads").resolve(run);

    @ArquillianResource
    private URL node1;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(ZipImporter.class, "demo.war").importFrom(new File(System.getProperty("demo.war"))).as(WebArchive.class);
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.assumeInstalled();
    }

    @Test
    void uploadedImagesAreShownPagedAndDeleted() throws Exception {
        WebDriver browser = Chromium.start(TARGET.resolve("chromium").resolve("paging-" + run));
        try {
            String[] names = { "sunrise-" + run, "harbour-" + run, "forest-" + run };
            Color[] colors = { new Color(0xf0, 0x8a, 0x24), new Color(0x1f, 0x6f, 0xeb), new Color(0x2e, 0x9e, 0x4f) };
            browser.get(node1.toString());
            for (int i = 0; i < names.length; i++) {
                upload(browser, TestImages.file(uploads, names[i] + ".png", TestImages.image("png", 480, 320, colors[i])));
                awaitNotice(browser, "Stored " + names[i] + ".png.");
            }
            assertEquals("node1", text(browser, "node"));
            assertEquals("dfs-metadata-handler=dfs", text(browser, "metadata-handler"));
            assertEquals("filesystem-binarydata-handler=nfs", text(browser, "binarydata-handler"));

            String firstPage = node1 + "?size=2";
            List<List<String>> pages = pages(browser, firstPage);
            assertTrue(pages.size() >= 2, "three images at two a page: " + pages);
            pages.forEach(page -> assertTrue(page.size() <= 2, "a page of two: " + page));
            for (String name : names) {
                assertEquals(1, pages.stream().filter(page -> page.contains(name + ".png")).count(), name + " on one page of " + pages);
            }
            browser.get(node1 + "?page=1&size=2");
            browser.get(browser.findElement(By.id("previous")).getDomProperty("href"));
            assertEquals(pages.get(0), imagesShown(browser), "previous goes back to the first page");

            assertTrue(openPageWith(browser, firstPage, names[0] + ".png"));
            String src = assertRendered(browser, names[0] + ".png");
            Chromium.screenshot(browser, SCREENSHOTS.resolve("gallery-node1.png"));

            assertTrue(openPageWith(browser, firstPage, names[1] + ".png"));
            String deletedSrc = image(browser, names[1] + ".png").getDomAttribute("src");
            deleteShown(browser, names[1] + ".png");
            assertFalse(pages(browser, firstPage).stream().anyMatch(page -> page.contains(names[1] + ".png")), "deleted from the listing");
            assertEquals(404, TextHttp.get(node1.toURI().resolve(deletedSrc)).statusCode(), "and from the storage");
            assertEquals(200, TextHttp.get(node1.toURI().resolve(src)).statusCode(), "the others stay");

            refusedUploads(browser);
            for (String left : new String[] { names[0], names[2] }) { // the table and directory outlive the run
                assertTrue(openPageWith(browser, firstPage, left + ".png"));
                deleteShown(browser, left + ".png");
            }
        } finally {
            browser.quit();
        }
    }

    private void refusedUploads(WebDriver browser) throws Exception {
        browser.get(node1.toString());
        browser.findElement(By.cssSelector("#upload button")).click();
        awaitNotice(browser, "Choose an image to upload.");

        upload(browser, TestImages.file(uploads, "notes-" + run + ".png", "not an image at all".getBytes(StandardCharsets.UTF_8)));
        awaitNotice(browser, "notes-" + run + ".png is not a PNG, JPEG, GIF or WebP image.");
        assertTrue(browser.findElement(By.id("notice")).getDomAttribute("class").contains("problem"));

        byte[] large = new byte[6 * 1024 * 1024];
        new Random(11).nextBytes(large);
        System.arraycopy(TestImages.image("png", 8, 8, Color.RED), 0, large, 0, 8); // a PNG signature, then too much
        upload(browser, TestImages.file(uploads, "huge-" + run + ".png", large));
        awaitNotice(browser, "That file is too large: images of up to 5 MiB are accepted.");
        Chromium.screenshot(browser, SCREENSHOTS.resolve("gallery-refused.png"));

        List<List<String>> pages = pages(browser, node1 + "?size=48");
        assertFalse(pages.stream().flatMap(List::stream).anyMatch(name -> name.startsWith("notes-" + run) || name.startsWith("huge-" + run)),
                "nothing refused is stored: " + pages);
    }

    @Test
    void theOtherNodeShowsTheSameImagesThroughItsOwnStorageFilter() throws Exception {
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        try (SecondServer node2 = SecondServer.start(jbossHome, TARGET.resolve("node2"), PostgresqlDfsSetup.sameStorage())) {
            WebDriver browser = Chromium.start(TARGET.resolve("chromium").resolve("cluster-" + run));
            try {
                String name = "lighthouse-" + run + ".jpg";
                browser.get(node1.toString());
                upload(browser, TestImages.file(uploads, name, TestImages.image("jpg", 640, 400, new Color(0x8e, 0x44, 0xad))));
                awaitNotice(browser, "Stored " + name + ".");

                String gallery2 = node2.httpBase() + "demo/";
                await(() -> {
                    browser.get(gallery2);
                    return text(browser, "members").contains("node1") && text(browser, "members").contains("node2");
                }, () -> "node2's page to name both members, not " + text(browser, "members"));
                assertEquals("node2", text(browser, "node"));
                assertTrue(openPageWith(browser, gallery2, name), "node2 lists what node1 stored");
                String src = assertRendered(browser, name);
                assertTrue(URI.create(browser.getCurrentUrl()).resolve(src).toString().startsWith(node2.httpBase()), "served by node2: " + src);
                Chromium.screenshot(browser, SCREENSHOTS.resolve("gallery-node2.png"));

                deleteShown(browser, name);
                assertFalse(openPageWith(browser, node1.toString(), name), "deleted on node2, gone from node1's gallery");
            } finally {
                browser.quit();
            }
        }
    }

    private static void upload(WebDriver browser, Path file) {
        browser.findElement(By.cssSelector("#upload input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#upload button")).click();
    }

    /** Presses the Delete button of an image on the page shown. */
    private static void deleteShown(WebDriver browser, String name) throws InterruptedException {
        browser.findElement(By.xpath("//li[img[@alt='" + name + "']]//button[contains(@class, 'delete')]")).click();
        awaitNotice(browser, "Deleted " + name + ".");
    }

    /** The image is in the page, loaded and decoded, from a storage-filter URI: returns that URI. */
    private static String assertRendered(WebDriver browser, String name) throws InterruptedException {
        WebElement image = image(browser, name);
        String src = image.getDomAttribute("src");
        assertTrue(src.matches(STORAGE_FILTER_URI), "a storage-filter URI: " + src);
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript("arguments[0].scrollIntoView();", image);
        await(() -> Boolean.TRUE.equals(script.executeScript("return arguments[0].complete;", image)), () -> name + " to load");
        long width = ((Number) script.executeScript("return arguments[0].naturalWidth;", image)).longValue();
        assertTrue(width > 0, name + " is rendered, naturalWidth " + width);
        return src;
    }

    private static WebElement image(WebDriver browser, String name) {
        return browser.findElement(By.xpath("//ul[@id='images']//img[@alt='" + name + "']"));
    }

    /** @return the names of the images on each page, following the Next links from the first page */
    private static List<List<String>> pages(WebDriver browser, String first) {
        List<List<String>> pages = new ArrayList<>();
        browser.get(first);
        while (true) {
            pages.add(imagesShown(browser));
            List<WebElement> next = browser.findElements(By.id("next"));
            if (next.isEmpty() || pages.size() > 200) {
                return pages;
            }
            browser.get(next.get(0).getDomProperty("href"));
        }
    }

    /** Follows the Next links until a page shows the image; stays on that page. */
    private static boolean openPageWith(WebDriver browser, String first, String name) {
        browser.get(first);
        for (int page = 0; page < 200; page++) {
            if (imagesShown(browser).contains(name)) {
                return true;
            }
            List<WebElement> next = browser.findElements(By.id("next"));
            if (next.isEmpty()) {
                return false;
            }
            browser.get(next.get(0).getDomProperty("href"));
        }
        return false;
    }

    private static List<String> imagesShown(WebDriver browser) {
        return browser.findElements(By.cssSelector("#images img")).stream().map(image -> image.getDomAttribute("alt")).toList();
    }

    private static String text(WebDriver browser, String id) {
        List<WebElement> found = browser.findElements(By.id(id));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private static void awaitNotice(WebDriver browser, String expected) throws InterruptedException {
        await(() -> text(browser, "notice").equals(expected), () -> "the notice '" + expected + "', not '" + text(browser, "notice") + "'");
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what.get());
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    /** A form posts, then the browser follows the redirect: an element found on the page it leaves is gone when read. */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (StaleElementReferenceException pageChanged) {
            return false;
        }
    }
}
