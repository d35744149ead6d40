package io.pendule.clock.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.pendule.executions.control.CancelRequests;
import io.pendule.platform.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acts made with plain JDBC transactions, on H2 with a moved clock: a run now names who asked for it and is in
 * the audit log with its execution; a cancel is (failed when the run had finished); the scheduler's pause and resume
 * and a node's leave are. Pendule's own runs (a schedule's fire) name nobody.
 */
class AuditedActsOnH2Test {

    @AutoClose
    private final ClockFixture cluster = ClockFixture.at("08:59:58");

    @Test
    void aRunNowNamesWhoAskedAndIsInTheAuditLogWithItsExecution() throws Exception {
        ClockNode a = cluster.node("a").up();
        cluster.job("deploy").schedule("@manually").add();

        long id = a.runNow("deploy", "allow");

        assertEquals(ClockNode.CALLER.name(), cluster.startedBy(id));
        List<String> events = cluster.audit("deploy");
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).startsWith("job.run clock-test allowed "), events.toString());
        JsonNode details = details(events.get(0));
        assertEquals(id, details.get("execution").asLong());
        assertEquals("api", details.get("trigger").asText());
        assertEquals("allow", details.get("concurrency").asText());
    }

    @Test
    void aScheduledFireNamesNobodyAndIsNotAudited() {
        ClockNode a = cluster.node("a").up();
        cluster.job("tick").schedule("@every 1s").add();
        cluster.moveTimeTo("09:00:00.100");
        List<Long> claimed = a.tick();

        assertTrue(!claimed.isEmpty(), "the fire was claimed");
        assertNull(cluster.startedBy(claimed.get(0)));
        assertEquals(List.of(), cluster.audit("tick"));
    }

    @Test
    void aCancelIsAuditedAndACancelOfAFinishedRunIsAFailedOne() throws Exception {
        ClockNode a = cluster.node("a").up();
        cluster.job("deploy").schedule("@manually").add();
        long id = a.runNow("deploy");

        assertEquals(CancelRequests.Answer.CANCELLED, a.cancel("deploy", id));
        assertEquals(CancelRequests.Answer.ALREADY_FINISHED, a.cancel("deploy", id));

        List<String> events = cluster.audit("deploy");
        assertEquals(3, events.size(), events.toString());
        assertTrue(events.get(1).startsWith("job.cancel clock-test allowed "), events.toString());
        assertEquals("cancelled", details(events.get(1)).get("answer").asText());
        assertEquals(id, details(events.get(1)).get("execution").asLong());
        assertTrue(events.get(2).startsWith("job.cancel clock-test failed "), events.toString());
        assertEquals("already_finished", details(events.get(2)).get("answer").asText());
    }

    @Test
    void theSchedulersPauseAndResumeAndANodesLeaveAreAudited() throws Exception {
        ClockNode a = cluster.node("a").up();

        a.pauseScheduler();
        a.resumeScheduler();
        a.leave();

        List<String> scheduler = cluster.audit("scheduler");
        assertEquals(2, scheduler.size(), scheduler.toString());
        assertTrue(scheduler.get(0).startsWith("scheduler.pause clock-test allowed "), scheduler.toString());
        assertEquals(false, details(scheduler.get(0)).get("before").get("paused").asBoolean());
        assertEquals(true, details(scheduler.get(0)).get("after").get("paused").asBoolean());
        assertTrue(scheduler.get(1).startsWith("scheduler.resume clock-test allowed "), scheduler.toString());
        assertEquals(List.of("node.leave clock-test allowed {}"), cluster.audit("a"));
    }

    private static JsonNode details(String event) throws Exception {
        return Json.MAPPER.readTree(event.substring(event.indexOf('{')));
    }
}
