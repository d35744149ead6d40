package io.pendule.api.boundary;

import io.pendule.api.entity.NotFoundException;
import io.pendule.api.entity.ValidationException;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's mistake is logged in one line at FINE; a fault of Pendule's at SEVERE, with its stack trace. */
class ErrorMapperTest {

    private final Logger logger = Logger.getLogger(ErrorMapper.class.getName());
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(level);
    }

    @Test
    void aNotFoundIsOneFineLineWithoutStackTrace() {
        ErrorMapper.Answer answer = ErrorMapper.answerTo(new EJBException(new NotFoundException("Job not found")));
        assertEquals(404, answer.status().getStatusCode());
        assertEquals(1, records.size(), records.toString());
        LogRecord record = records.get(0);
        assertEquals(Level.FINE, record.getLevel());
        assertNull(record.getThrown(), "no stack trace for a client's mistake");
        assertFalse(record.getMessage().contains("\n"), record.getMessage());
        assertTrue(record.getMessage().startsWith("404 "), record.getMessage());
    }

    @Test
    void aValidationErrorIsOneFineLineAndAnswersTheFieldMap() {
        ErrorMapper.Answer answer = ErrorMapper.answerTo(new ValidationException("Job validation failed", "schedule", "can't parse"));
        assertEquals(400, answer.status().getStatusCode());
        assertEquals(java.util.Map.of("schedule", "can't parse"), answer.body().errors());
        assertEquals(Level.FINE, records.get(0).getLevel());
        assertNull(records.get(0).getThrown());
    }

    @Test
    void aServerFaultIsSevereWithItsStackTrace() {
        ErrorMapper.Answer answer = ErrorMapper.answerTo(new IllegalStateException("boom"));
        assertEquals(500, answer.status().getStatusCode());
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertNotNull(records.get(0).getThrown(), "the stack trace of a server fault is kept");
        assertFalse(answer.body().message().contains("boom"), "the answer gives a reference, not the fault");
    }
}
