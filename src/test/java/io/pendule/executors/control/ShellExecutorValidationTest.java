package io.pendule.executors.control;

import io.pendule.executors.entity.ConfigError;
import io.pendule.executors.entity.ExecutionRequest;
import io.pendule.executors.entity.ExecutionResult;
import io.pendule.executors.entity.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShellExecutorValidationTest {

    private final ShellExecutor executor = new ShellExecutor();

    @Test
    void nameIsShell() {
        assertEquals("shell", executor.name());
    }

    @Test
    void acceptsAFullValidConfigAndIgnoresUnknownKeys() {
        assertEquals(List.of(), executor.validate(Map.of(
                "command", "echo 'hello world'", "shell", "false", "env", "A=1, B_2=x=y", "cwd", "/tmp",
                "timeout", "1m30s", "payload", "aGVsbG8=", "whatever", "ignored")));
        assertEquals(List.of(), executor.validate(Map.of("command", "echo $HOME | wc", "shell", "true")));
    }

    @Test
    void commandIsRequired() {
        assertEquals(List.of("command"), keys(Map.of()));
        assertEquals(List.of("command"), keys(Map.of("command", "  ")));
    }

    @Test
    void commandMustSplitIntoAtLeastOneWord() {
        assertEquals(List.of("command"), keys(Map.of("command", "''x 'unterminated")));
        assertEquals(List.of("command"), keys(Map.of("command", "\"\\\n\"")));
    }

    @Test
    void shellMustBeABoolean() {
        assertEquals(List.of("shell"), keys(Map.of("command", "true", "shell", "yes")));
        assertEquals(List.of(), keys(Map.of("command", "true", "shell", "true")));
    }

    @Test
    void envItemsMustBeNameEqualsValue() {
        assertEquals(List.of("env"), keys(Map.of("command", "true", "env", "A=1,B")));
        assertEquals(List.of("env"), keys(Map.of("command", "true", "env", "=1")));
        assertEquals(List.of("env"), keys(Map.of("command", "true", "env", "1A=1")));
        assertEquals(List.of("env"), keys(Map.of("command", "true", "env", "A=1,,B=2")));
        assertEquals(List.of(), keys(Map.of("command", "true", "env", "A=,_B=2")));
    }

    @Test
    void timeoutMustBeAPositiveGoDuration() {
        assertEquals(List.of("timeout"), keys(Map.of("command", "true", "timeout", "10")));
        assertEquals(List.of("timeout"), keys(Map.of("command", "true", "timeout", "0")));
        assertEquals(List.of("timeout"), keys(Map.of("command", "true", "timeout", "ten seconds")));
        assertEquals(List.of(), keys(Map.of("command", "true", "timeout", "500ms")));
    }

    @Test
    void payloadMustBeBase64() {
        assertEquals(List.of("payload"), keys(Map.of("command", "true", "payload", "not base64!")));
    }

    @Test
    void memLimitIsRejectedAsNotSupportedOrMalformed() {
        List<ConfigError> errors = executor.validate(Map.of("command", "true", "mem_limit", "512MB"));
        assertEquals(List.of("mem_limit"), errors.stream().map(ConfigError::key).toList());
        assertTrue(errors.get(0).message().contains("not supported"), errors::toString);
        List<ConfigError> malformed = executor.validate(Map.of("command", "true", "mem_limit", "lots"));
        assertTrue(malformed.stream().noneMatch(e -> e.message().contains("not supported")), malformed::toString);
    }

    @Test
    void suTakesAnAccountNameWithAnOptionalGroup() {
        assertEquals(List.of(), keys(Map.of("command", "true", "su", "nobody")));
        assertEquals(List.of(), keys(Map.of("command", "true", "su", "nobody:nogroup")));
        for (String bad : List.of("a:b:c", "bad name", "../x", "-rf", "x;id", ":group", "user:")) {
            assertEquals(List.of("su"), keys(Map.of("command", "true", "su", bad)), bad);
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertEquals(List.of("shell", "command", "env", "timeout", "payload"),
                keys(Map.of("shell", "1", "env", "x", "timeout", "-", "payload", "%")));
    }

    @Test
    void anInvalidConfigRunsAsAFailureWithoutStartingAnything() throws Exception {
        ExecutionResult result = executor.execute(new ExecutionRequest(1, "job", 1, Map.of("shell", "maybe")))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.FAILED, result.outcome());
        assertTrue(result.error().contains("command: required"), result.error());
    }

    private List<String> keys(Map<String, String> config) {
        return executor.validate(config).stream().map(ConfigError::key).toList();
    }
}
