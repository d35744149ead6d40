package io.pendule.security.boundary;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.platform.Json;
import io.pendule.security.control.AuditLog;
import io.pendule.security.entity.AuditAction;
import io.pendule.security.entity.AuditEvent;
import io.pendule.security.entity.AuditFilter;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** /audit: the audit log, an admin's, newest first, with the filters of /v1/audit, {@link #PAGE} events a page. */
@WebServlet("/audit")
public class AuditPage extends RoutedPages {

    static final int PAGE = 50;
    static final List<String> FILTERS = List.of("actor", "target", "action", "since", "until");

    @Inject
    AuditLog audit;

    /** An event and its details as indented JSON. */
    public record Row(AuditEvent event, String details) {

        static Row of(AuditEvent event) {
            try {
                return new Row(event, event.getDetails() == null ? "" : Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(Json.MAPPER.readTree(event.getDetails())));
            } catch (JsonProcessingException e) {
                return new Row(event, event.getDetails());
            }
        }
    }

    @Override
    protected PageRoutes routes() {
        return new PageRoutes().get(Role.ADMIN_NAME, "/?", (request, response, parts) -> show(request, response));
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditFilter filter = AuditParameters.filter(request::getParameter);
        int start = Math.max(0, PageParameters.number(request.getParameter("start")));
        long total = audit.count(filter);
        List<Row> rows = audit.find(filter, true, start, PAGE).stream().map(Row::of).toList();
        Map<String, Object> model = new HashMap<>();
        StringBuilder query = new StringBuilder();
        for (String name : FILTERS) {
            String value = request.getParameter(name) == null ? "" : request.getParameter(name).trim();
            model.put(name, value);
            if (!value.isEmpty()) {
                query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        }
        String here = request.getContextPath() + "/audit?" + query;
        model.put("rows", rows);
        model.put("total", total);
        model.put("first", rows.isEmpty() ? 0 : start + 1);
        model.put("last", start + rows.size());
        model.put("newerUrl", start == 0 ? null : here + "start=" + Math.max(0, start - PAGE));
        model.put("olderUrl", start + rows.size() >= total ? null : here + "start=" + (start + PAGE));
        model.put("actions", Arrays.stream(AuditAction.values()).map(AuditAction::code).toList());
        pages.render(request, response, "audit", model);
    }
}
