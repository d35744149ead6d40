package io.pendule.dashboard.boundary;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A page route refused a caller whose role does not include {@code neededRole}, announced before its 403 page is
 * shown, for the audit log (security.boundary.PageRefusals) that the dashboard cannot reach itself.
 */
public record PageRefused(HttpServletRequest request, String neededRole) {
}
