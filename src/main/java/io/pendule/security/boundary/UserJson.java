package io.pendule.security.boundary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pendule.security.entity.AppUser;

import java.time.Instant;

/** A user as the API shows it: never its password's hash. */
@JsonPropertyOrder({"name", "role", "disabled", "must_change_password", "signs_in_with", "created_at", "updated_at"})
public record UserJson(String name, String role, boolean disabled,
                       @JsonProperty("must_change_password") boolean mustChangePassword,
                       @JsonProperty("signs_in_with") String signsInWith,
                       @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {

    static UserJson of(AppUser user) {
        return new UserJson(user.getName(), user.getRole().id(), user.isDisabled(), user.isMustChangePassword(),
                user.isFromProvider() ? AppUser.PROVIDER : AppUser.PASSWORD, user.getCreatedAt(), user.getUpdatedAt());
    }
}
