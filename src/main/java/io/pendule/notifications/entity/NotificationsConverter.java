package io.pendule.notifications.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.pendule.platform.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.List;

/** A job's notifications kept as a JSON array in one column; none is NULL. */
@Converter
public class NotificationsConverter implements AttributeConverter<List<Notification>, String> {

    private static final TypeReference<List<Notification>> LIST = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Notification> notifications) {
        return notifications == null || notifications.isEmpty() ? null : Json.write(notifications);
    }

    @Override
    public List<Notification> convertToEntityAttribute(String json) {
        try {
            return json == null ? List.of() : Json.MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notifications are not valid: " + e.getOriginalMessage(), e);
        }
    }
}
