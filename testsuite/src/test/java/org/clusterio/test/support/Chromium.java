package org.clusterio.test.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium under Selenium, through the system's chromedriver (Debian's packages {@code chromium}
 * and {@code chromium-driver}, which .ci/services.sh installs). Both are named explicitly, so Selenium Manager never
 * looks for (or downloads) a browser or a driver. Tests skip when Chromium is not installed.
 */
public final class Chromium {

    private static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    /** Skips the calling test, saying why, unless Chromium and its driver are installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Chromium (" + BINARY + ") or chromedriver (" + DRIVER + ") is not installed: apt-get install chromium chromium-driver");
    }

    /** @return a new headless browser with a profile of its own in the directory; quit it when done */
    public static WebDriver start(Path profile) throws IOException {
        assumeInstalled();
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // As root Chromium needs --no-sandbox; the background services would try the network, which is closed here.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Keeps what the browser shows as a PNG file, for a person to look at. */
    public static Path screenshot(WebDriver browser, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path taken = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
