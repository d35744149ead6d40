package io.pendule.database.entity;

import io.pendule.platform.Json;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** A map of strings (tags, executor_config) kept as a JSON object in one column; NULL stays null. */
@Converter
public class StringMapConverter implements AttributeConverter<Map<String, String>, String> {

    private static final Logger LOG = Logger.getLogger(StringMapConverter.class.getName());

    @Override
    public String convertToDatabaseColumn(Map<String, String> map) {
        return Json.write(map);
    }

    /**
     * A column that is no JSON map (written by plain SQL) reads as an empty map, so that the job's page, the list and
     * the API still show the job, and the clock's "broken" reason for it (clock.control.BrokenJobs); saving the job
     * writes the map again.
     */
    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        try {
            return Json.readStringMap(json);
        } catch (IllegalStateException notAMap) {
            LOG.warning(() -> "A stored JSON column is read as an empty map: " + notAMap.getMessage());
            return new LinkedHashMap<>();
        }
    }
}
