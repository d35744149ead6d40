package io.pendule.security.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.api.control.StrictJson;
import io.pendule.api.entity.ValidationException;
import io.pendule.platform.Json;
import io.pendule.security.control.ApiTokens;
import io.pendule.security.entity.ApiToken;
import io.pendule.security.entity.AppUser;
import io.pendule.security.entity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON of /v1/users and /v1/tokens: snake_case as the rest of /v1, never a hash, a secret only once. */
class IdentityJsonTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aUserIsShownWithoutItsPasswordHash() throws Exception {
        AppUser user = new AppUser("ops", "PBKDF2WithHmacSHA256:210000:salt:hash", Role.OPERATOR, false, AT);
        JsonNode json = Json.MAPPER.readTree(Json.write(UserJson.of(user)));
        assertEquals(List.of("name", "role", "disabled", "must_change_password", "signs_in_with", "created_at", "updated_at"),
                fields(json));
        assertFalse(json.get("must_change_password").asBoolean());
        assertEquals("operator", json.get("role").asText());
        assertEquals("2026-12-06T10:00:00Z", json.get("created_at").asText());
        assertFalse(json.toString().contains("PBKDF2"), json.toString());
    }

    @Test
    void aListedTokenHasItsUseButNeverItsSecret() throws Exception {
        ApiToken token = new ApiToken("Ab3dEf9h", "backup", "ops", Role.VIEWER, "f".repeat(64), AT, null);
        token.usedAt(AT.plusSeconds(60));
        JsonNode json = Json.MAPPER.readTree(Json.write(TokenJson.of(token)));
        assertEquals(List.of("id", "name", "owner", "role", "created_at", "expires_at", "last_used_at", "revoked_at"), fields(json));
        assertTrue(json.get("expires_at").isNull());
        assertEquals("2026-12-06T10:01:00Z", json.get("last_used_at").asText());
        assertFalse(json.toString().contains("fff"), json.toString());
    }

    @Test
    void aMadeTokenHoldsItsTextInTheAnswerOnly() throws Exception {
        ApiToken token = new ApiToken("Ab3dEf9h", "backup", "ops", Role.VIEWER, "f".repeat(64), AT, AT.plusSeconds(3600));
        CreatedTokenJson created = CreatedTokenJson.of(new ApiTokens.Created(token, "pdl_Ab3dEf9h_secret"));
        JsonNode json = Json.MAPPER.readTree(Json.write(created));
        assertEquals(List.of("id", "name", "owner", "role", "token", "created_at", "expires_at"), fields(json));
        assertEquals("pdl_Ab3dEf9h_secret", json.get("token").asText());
        assertFalse(created.toString().contains("secret"), "a log line never shows it: " + created);
    }

    @Test
    void requestsAreReadInSnakeCaseAndNeverPrintAPassword() {
        TokensResource.NewToken asked = StrictJson.read("{\"name\":\"ci\",\"role\":\"viewer\",\"expires_at\":\"2030-01-01T00:00:00Z\"}",
                TokensResource.NewToken.class, "Token");
        assertEquals("2030-01-01T00:00:00Z", asked.expiresAt());
        assertEquals("expiresAt", assertThrows(ValidationException.class, () -> StrictJson.read("{\"expiresAt\":\"x\"}",
                TokensResource.NewToken.class, "Token")).errors().get(0).field(), "the camelCase name is unknown");
        UsersResource.NewUser user = StrictJson.read("{\"name\":\"ops\",\"password\":\"correct horse battery\",\"role\":\"viewer\"}",
                UsersResource.NewUser.class, "User");
        assertEquals("correct horse battery", user.password());
        assertFalse(user.toString().contains("horse"), user.toString());
        assertFalse(new UsersResource.UserChange("correct horse battery", null, null, true).toString().contains("horse"));
        assertEquals(true, StrictJson.read("{\"must_change_password\":true}", UsersResource.UserChange.class, "User")
                .mustChangePassword());
        assertEquals("must_change_password", assertThrows(ValidationException.class, () -> StrictJson.read(
                "{\"must_change_password\":\"yes\"}", UsersResource.UserChange.class, "User")).errors().get(0).field());
    }

    @Test
    void onlyAllTrueListsEveryonesTokens() {
        assertFalse(TokensResource.everyone(null));
        assertFalse(TokensResource.everyone("false"));
        assertTrue(TokensResource.everyone("true"));
        assertTrue(TokensResource.everyone(""));
        assertEquals("all", assertThrows(ValidationException.class, () -> TokensResource.everyone("yes")).errors().get(0).field());
    }

    private static List<String> fields(JsonNode json) {
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
