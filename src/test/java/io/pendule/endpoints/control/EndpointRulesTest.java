package io.pendule.endpoints.control;

import io.pendule.api.entity.FieldError;
import io.pendule.endpoints.entity.EndpointDraft;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every problem of an endpoint at once, by field; credentials only as a secret reference. */
class EndpointRulesTest {

    private static final Function<String, Optional<String>> ANY_PROVIDER = text -> Optional.empty();

    private static List<FieldError> problems(String slug, String kind, String url, String credentials) {
        return EndpointRules.problems(new EndpointDraft(slug, null, kind, url, credentials), ANY_PROVIDER);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aGoodEndpointHasNoProblem() {
        assertEquals(List.of(), problems("db1", "postgresql", "postgresql://db1:5432/app", "${secret:db1-password}"));
        assertEquals(List.of(), problems("db_2-x", "oracle", "jdbc:oracle:thin:@db2:1521:ORCL", "${secret:vault:db/oracle#password}"));
        assertEquals(List.of(), problems("web", "https", "https://example.com/health", null), "credentials are optional");
    }

    @Test
    void everyProblemIsFoundAtOnceByField() {
        List<FieldError> errors = problems("Bad.Slug", "postgress", "postgresql://u:p@h/db", "hunter2");
        assertEquals(List.of("slug", "kind", "url", "credentials"), fields(errors));
        String url = errors.get(2).message();
        assertTrue(url.contains("credentials") && url.contains("${secret:") && url.contains("POST /v1/secrets") && !url.contains("u:p"), url);
        String credentials = errors.get(3).message();
        assertTrue(credentials.contains("must be a secret reference") && !credentials.contains("hunter2"), credentials);
    }

    @Test
    void credentialsAreExactlyOneReference() {
        assertEquals(List.of("credentials"), fields(problems("db1", "mysql", "mysql://h/db", "prefix ${secret:x}")));
        assertEquals(List.of("credentials"), fields(problems("db1", "mysql", "mysql://h/db", "${secret:a}${secret:b}")));
        assertEquals(List.of("credentials"), fields(problems("db1", "mysql", "mysql://h/db", "${secret:unknown:x}")));
        assertEquals(List.of("credentials"), fields(problems("db1", "mysql", "mysql://h/db", "${secret:x")));
        List<FieldError> unconfigured = EndpointRules.problems(new EndpointDraft("db1", null, "mysql", "mysql://h/db",
                "${secret:vault:a#b}"), text -> Optional.of("provider vault is not configured"));
        assertEquals("provider vault is not configured", unconfigured.get(0).message());
    }

    @Test
    void requiredFieldsAndLimits() {
        assertEquals(List.of("slug", "kind", "url"), fields(problems(null, null, null, null)));
        assertEquals(List.of("slug"), fields(problems("x".repeat(129), "http", "http://h", null)));
        assertEquals(List.of("url"), fields(problems("x", "http", "http://h/\u0000", null)));
        assertEquals(List.of("url"), fields(problems("x", "http", "http://h/" + "a".repeat(2000), null)));
        List<FieldError> name = EndpointRules.problems(new EndpointDraft("x", "a\nb", "http", "http://h", null), ANY_PROVIDER);
        assertEquals(List.of("name"), fields(name));
        assertFalse(problems("x", "other", "anything goes here", null).stream().anyMatch(e -> e.field().equals("kind")));
    }
}
