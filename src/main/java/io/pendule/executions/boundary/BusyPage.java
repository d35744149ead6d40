package io.pendule.executions.boundary;

import io.pendule.executions.control.CancelRequests;
import io.pendule.executions.control.ExecutionHistory;
import io.pendule.executions.entity.Execution;
import io.pendule.executions.boundary.DurationChart;
import io.pendule.dashboard.boundary.PageParameters;
import io.pendule.dashboard.boundary.PageRoutes;
import io.pendule.dashboard.boundary.RoutedPages;
import io.pendule.security.control.Callers;
import io.pendule.security.entity.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** /busy: the executions running now on every node, each with a cancel button (an operator's). */
@WebServlet("/busy")
public class BusyPage extends RoutedPages {

    @Inject
    ExecutionHistory history;
    @Inject
    CancelRequests cancels;

    /** A running execution and how long it has run. */
    public record Row(Execution e, String elapsed) {
    }

    @Override
    protected PageRoutes routes() {
        return new PageRoutes()
                .get(Role.VIEWER_NAME, "/?", (request, response, parts) -> show(request, response))
                .post(Role.OPERATOR_NAME, "/?", (request, response, parts) -> cancel(request, response));
    }

    private void show(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant now = Instant.now();
        List<Row> rows = history.runningSummaries().stream().map(e -> new Row(e, elapsed(e, now))).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("rows", rows);
        model.put("cancelled", PageParameters.number(request.getParameter("cancelled")));
        model.put("answerKey", "busy.answer." + answer(request.getParameter("answer")).name().toLowerCase(Locale.ROOT));
        pages.render(request, response, "busy", model);
    }

    /** Cancels the execution named by the form's id, as its own page does, and comes back here with a notice. */
    private void cancel(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long id = PageParameters.number(request.getParameter("id"));
        Optional<Execution> execution = history.byId(id);
        if (execution.isEmpty()) {
            pages.error(request, response, HttpServletResponse.SC_NOT_FOUND, null);
            return;
        }
        CancelRequests.Answer answer = cancels.cancel(execution.get(), Callers.of(request));
        response.sendRedirect(request.getContextPath() + "/busy?cancelled=" + id + "&answer="
                + answer.name().toLowerCase(Locale.ROOT));
    }

    /** The answer a cancel got, from the query; "requested" when it is not one. */
    private static CancelRequests.Answer answer(String text) {
        return Arrays.stream(CancelRequests.Answer.values()).filter(a -> a.name().equalsIgnoreCase(text)).findFirst()
                .orElse(CancelRequests.Answer.REQUESTED);
    }

    private static String elapsed(Execution e, Instant now) {
        return e.getStartedAt() == null ? "" : DurationChart.format(Math.max(0, Duration.between(e.getStartedAt(), now).toMillis()));
    }
}
