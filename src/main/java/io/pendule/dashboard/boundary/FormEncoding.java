package io.pendule.dashboard.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Forms are posted in UTF-8 (the pages' charset, and browsers send no charset with url-encoded forms): without this
 * the container reads their fields as ISO-8859-1, and "é" or "•" would come back garbled.
 */
@WebListener
public class FormEncoding implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        event.getServletContext().setRequestCharacterEncoding("UTF-8");
    }
}
