package io.pendule.it;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

/**
 * A test of the dashboard in headless Chromium ({@link Browser}) against its subclass's deployment: the deployment's
 * address and API, and the steps every browser test takes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BrowserIT {

    /** How long a click may take to bring the next page. */
    private static final Duration PAGE_LOAD = Duration.ofSeconds(15);

    @ArquillianResource
    URL base;

    /** The deployment's address, without a trailing slash. */
    String root() {
        return base.toString().replaceAll("/$", "");
    }

    Api api() {
        return new Api(root() + "/v1");
    }

    static WebElement byId(Browser browser, String id) {
        return browser.driver.findElement(By.id(id));
    }

    static String text(Browser browser, String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    static Object script(Browser browser, String js) {
        return browser.driver.executeScript(js);
    }

    /** Clicks what leads to another page and waits for it: until the element clicked has left the document. */
    static void clickAndWait(Browser browser, WebElement element) {
        element.click();
        awaitGone(browser, element);
    }

    /** Waits until the element has left the document: the page it was on has been replaced. */
    static void awaitGone(Browser browser, WebElement element) {
        new WebDriverWait(browser.driver, PAGE_LOAD).until(Browser.gone(element));
    }
}
