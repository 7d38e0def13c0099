package io.backstop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), started as the
 * project's design says: headless, no sandbox, no GPU, no background networking, a fresh profile.
 * Nothing is downloaded: without the two binaries the browser tests are skipped with that reason.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  private Browser(ChromeDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base.replaceAll("/+$", "");
  }

  /** Why there is no browser here, if there is none. */
  static Optional<String> missing() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      return Optional.of(
          "no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
    }
    return Optional.empty();
  }

  static Browser open(String base) throws IOException {
    Path profile = Files.createTempDirectory("backstop-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1440,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile, base);
  }

  void go(String path) {
    driver.get(base + path);
  }

  /**
   * Logs in as a local user, leaving whoever was logged in before. The page of the last test is
   * left first, for a static file of the console: a page that polls (every console page does) and
   * is still open while its cookies are cleared would fire a request without a session in the
   * middle of the log-in. (The console no longer answers such a request with a session of its own,
   * which used to replace the login form's session and fail the log-in on CSRF; leaving the page
   * first keeps this test's log-in independent of that.)
   */
  void logIn(String user, String password) {
    go("/css/console.css");
    driver.manage().deleteAllCookies();
    go("/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    waitUntil(Duration.ofSeconds(20), () -> !driver.getCurrentUrl().contains("/login"));
  }

  WebElement find(String id) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  /**
   * The element's text. The console's live sections are swapped whole by htmx every 2 s, so an
   * element found a moment ago may be gone: it is found again, never read stale.
   */
  String text(String id) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id(id)).getText());
  }

  boolean present(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  /** Waits until the element's text contains {@code text}, as the page updates itself. */
  void awaitText(String id, String text, Duration max) {
    waitUntil(
        max,
        () -> {
          var found = driver.findElements(By.id(id));
          return !found.isEmpty() && found.get(0).getText().contains(text);
        });
  }

  Object script(String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  String page() {
    return driver.getPageSource();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException | RuntimeException e) {
      System.err.println("could not keep a screenshot at " + file + ": " + e);
    }
  }

  private void waitUntil(Duration max, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, max)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var paths = Files.walk(profile)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
