package io.pendule.database.entity;

import io.pendule.platform.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Map;

/** A map of strings (tags, executor_config) kept as a JSON object in one column; NULL stays null. */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    @Override
    public String convertToDatabaseColumn(Map<String, String> map) {
        return Json.write(map);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return Json.readStringMap(json);
    }
}
