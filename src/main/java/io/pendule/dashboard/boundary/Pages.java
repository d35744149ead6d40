package io.pendule.dashboard.boundary;

import io.pendule.api.entity.ConflictException;
import io.pendule.api.entity.ForbiddenException;
import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import io.pendule.dashboard.control.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.WebApplicationTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Renders the dashboard's Thymeleaf pages (webapp/WEB-INF/templates), in the reader's language: "fr" or "en",
 * from ?lang= (kept in a cookie), else the cookie, else the browser's Accept-Language. Every page gets the
 * language and the theme ("light", "dark" or "auto"); request attributes are variables too (the form token that
 * security.boundary.FormTokenFilter puts there).
 */
@ApplicationScoped
public class Pages {

    public static final List<String> LANGUAGES = List.of("en", "fr");
    static final String LANGUAGE_COOKIE = "pendule_lang";
    static final String THEME_COOKIE = "pendule_theme";

    private JakartaServletWebApplication application;
    private TemplateEngine engine;
    private String htmx;

    private synchronized void start(ServletContext servletContext) {
        if (engine != null) {
            return;
        }
        application = JakartaServletWebApplication.buildApplication(servletContext);
        WebApplicationTemplateResolver templates = new WebApplicationTemplateResolver(application);
        templates.setPrefix("/WEB-INF/templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        TemplateEngine started = new TemplateEngine();
        started.setTemplateResolver(templates);
        started.setMessageResolver(new PageMessages());
        htmx = "/webjars/htmx.org/" + webJarVersion("org.webjars.npm/htmx.org") + "/dist/htmx.min.js";
        engine = started;
    }

    /** A WebJar's version, from the pom.properties inside it, so that the pages follow the pom's version. */
    private static String webJarVersion(String groupAndArtifact) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream("META-INF/maven/" + groupAndArtifact + "/pom.properties")) {
            Properties pom = new Properties();
            if (in == null) {
                throw new IllegalStateException(groupAndArtifact + " is not on the class path");
            }
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void render(HttpServletRequest request, HttpServletResponse response, String template,
                       Map<String, Object> model) throws IOException {
        start(request.getServletContext());
        Locale locale = Locale.forLanguageTag(language(request, response));
        WebContext context = new WebContext(application.buildExchange(request, response), locale);
        context.setVariables(model);
        context.setVariable("lang", locale.getLanguage());
        context.setVariable("theme", choice(request, response, "theme", THEME_COOKIE, List.of("light", "dark", "auto"), "auto"));
        context.setVariable("path", request.getRequestURI().substring(request.getContextPath().length()));
        context.setVariable("htmx", htmx);
        response.setContentType("text/html; charset=UTF-8");
        engine.process(template, context, response.getWriter());
    }

    /** A styled error page in the reader's language: 400, 401, 403, 404, 409 or 413, with what went wrong when known. */
    public void error(HttpServletRequest request, HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        render(request, response, "error", Map.of("status", status, "message", message == null ? "" : message));
    }

    /** The 403 page of a route the caller's role does not allow. */
    public void forbidden(HttpServletRequest request, HttpServletResponse response, List<String> parts) throws IOException {
        error(request, response, HttpServletResponse.SC_FORBIDDEN, Texts.of("error.403.role", Locale.forLanguageTag(
                language(request, response))).orElse("your role does not allow this"));
    }

    /**
     * Answers a page action that failed for the reader's reason (a validation, a conflict, a missing job) with its
     * error page; anything else is a fault of Pendule's and goes on up.
     */
    public void failure(HttpServletRequest request, HttpServletResponse response, RuntimeException failure) throws IOException {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValidationException || cause instanceof ConflictException || cause instanceof NotFoundException
                    || cause instanceof ForbiddenException) {
                int status = cause instanceof ValidationException ? 400 : cause instanceof ConflictException ? 409
                        : cause instanceof ForbiddenException ? 403 : 404;
                error(request, response, status, cause.getMessage());
                return;
            }
        }
        throw failure;
    }

    public static String language(HttpServletRequest request, HttpServletResponse response) {
        String chosen = choice(request, response, "lang", LANGUAGE_COOKIE, LANGUAGES, null);
        if (chosen != null) {
            return chosen;
        }
        List<Locale.LanguageRange> wanted;
        try {
            wanted = Locale.LanguageRange.parse(request.getHeader("Accept-Language") == null ? "en" : request.getHeader("Accept-Language"));
        } catch (IllegalArgumentException malformed) { // the reader's header, not a failure of ours: the default
            return "en";
        }
        String best = Locale.lookupTag(wanted, LANGUAGES);
        return best == null ? "en" : best;
    }

    /** A reader's choice: from the query (and then remembered a year in a cookie), else the cookie, else the default. */
    private static String choice(HttpServletRequest request, HttpServletResponse response, String parameter,
                                 String cookieName, List<String> allowed, String byDefault) {
        String asked = request.getParameter(parameter);
        if (asked != null && allowed.contains(asked)) {
            Cookie cookie = new Cookie(cookieName, asked);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
            return asked;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals(cookieName) && allowed.contains(cookie.getValue())) {
                    return cookie.getValue();
                }
            }
        }
        return byDefault;
    }
}
