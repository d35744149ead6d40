package io.pendule.jobs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportWarning;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;
import io.pendule.workflows.entity.RunOnStart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrontabMapperTest {

    private static final String ENV = "PATH=/usr/local/bin:/usr/bin:/bin,GREETING=hello world";

    private static ImportPlan map(String crontab) {
        return CrontabMapper.map(crontab, null, name -> false);
    }

    @Test
    void everyLineIsAShellJobRunAsCronRunsIt() {
        ImportPlan plan = map(CronJobMapperTest.resource("every-feature.crontab"));
        assertEquals(List.of(), plan.errors());
        assertEquals(List.of("line 7", "line 9", "line 10", "line 11", "line 12", "line 13", "line 15"),
                plan.jobs().stream().map(ImportedJob::origin).toList());
        assertEquals(List.of("backup", "report", "backup-2", "warm-cache", "mail", "new-year", "crontab-15"),
                plan.jobs().stream().map(j -> j.job().getName()).toList());
        Job backup = job(plan, 0);
        assertEquals("*/15 * * * *", backup.getSchedule());
        assertEquals("", backup.getTimezone());
        assertEquals("shell", backup.getExecutor());
        assertEquals(Map.of("shell", "true", "command", "/usr/local/bin/backup.sh --full >> /var/log/backup.log 2>&1",
                "env", ENV), backup.getExecutorConfig());
        Job report = job(plan, 1);
        assertEquals("30 2 * * 1-5", report.getSchedule());
        assertEquals("Europe/Paris", report.getTimezone());
        assertEquals("@daily", job(plan, 2).getSchedule());
        assertEquals("Europe/Paris", job(plan, 2).getTimezone());
        Job warm = job(plan, 3);
        assertEquals("@manually", warm.getSchedule());
        assertEquals(RunOnStart.ALWAYS, warm.getRunOnStart());
        Job mail = job(plan, 4);
        assertEquals("mail -s \"hourly\" ops", mail.getExecutorConfig().get("command"));
        assertEquals("line one\nline two%\n", new String(Base64.getDecoder().decode(mail.getExecutorConfig().get("payload")),
                StandardCharsets.UTF_8));
        Job bash = job(plan, 6);
        assertEquals("/bin/bash -c 'for f in /tmp/*.old; do rm \"$f\"; done'", bash.getExecutorConfig().get("command"));
        assertNull(bash.getExecutorConfig().get("shell"));
        List<String> warned = plan.warnings().stream().map(w -> w.at() + " " + w.job()).toList();
        assertEquals(List.of("line 4 null", "line 10 backup-2", "line 11 warm-cache", "body null"), warned);
        assertTrue(plan.warnings().get(0).message().startsWith("MAILTO not mapped"), plan.warnings().get(0).message());
        assertTrue(plan.warnings().get(2).message().contains("run_on_start always"), plan.warnings().get(2).message());
    }

    private static Job job(ImportPlan plan, int i) {
        return plan.jobs().get(i).job();
    }

    @Test
    void aSystemCrontabIsFoundByItsRootUserAndOtherUsersRunBySu() {
        ImportPlan plan = map(CronJobMapperTest.resource("system.crontab"));
        assertEquals(List.of(), plan.errors());
        assertEquals(List.of("run-parts", "anacron"), plan.jobs().stream().map(j -> j.job().getName()).toList());
        assertEquals("cd / && run-parts --report /etc/cron.hourly", job(plan, 0).getExecutorConfig().get("command"));
        assertEquals("17 * * * *", job(plan, 0).getSchedule());
        assertTrue(plan.warnings().get(0).message().startsWith("read as a system crontab"), plan.warnings().toString());

        ImportPlan users = CrontabMapper.map("0 1 * * * postgres vacuumdb --all\n@weekly root /bin/true\n",
                CrontabMapper.Format.SYSTEM, name -> false);
        assertEquals(Map.of("shell", "true", "command", "vacuumdb --all", "su", "postgres"), job(users, 0).getExecutorConfig());
        assertNull(job(users, 1).getExecutorConfig().get("su"));
        assertEquals(List.of("line 1", "line 2"), users.warnings().stream().map(ImportWarning::at).toList());

        ImportPlan userFormat = CrontabMapper.map("* * * * * root-task\n", null, name -> false);
        assertEquals("root-task", job(userFormat, 0).getExecutorConfig().get("command"));
    }

    @Test
    void aStoredJobsNameIsLeftToItAndNamedApart() {
        ImportPlan plan = CrontabMapper.map("* * * * * echo hi\n", CrontabMapper.Format.USER, "echo"::equals);
        assertEquals("echo-2", job(plan, 0).getName());
        assertEquals("named echo-2: echo is a stored job's name", plan.warnings().get(0).message());
    }

    @Test
    void linesThatAreNotCrontabAreErrorsOnTheirLine() {
        ImportPlan plan = map("# header\n* * * echo\n@sometimes echo\n\n0 0 * * * ok\n");
        assertEquals(List.of(
                new FieldError("line 2", "not a crontab line: five schedule fields or a @descriptor then a command, or NAME=value"),
                new FieldError("line 3", "unknown descriptor @sometimes (@reboot, @yearly, @annually, @monthly, @weekly,"
                        + " @daily, @midnight, @hourly)")), plan.errors());
        assertEquals(List.of(new FieldError("body", "no crontab line: five fields or a @descriptor, then the command")),
                map("# nothing\n\nA=1\n").errors());
        assertEquals(List.of(new FieldError("line 1", "a system crontab's line names a user, then the command")),
                CrontabMapper.map("@daily root\n", CrontabMapper.Format.SYSTEM, name -> false).errors());
    }

    @Test
    void aCommaInAVariableCannotBeCarriedAndIsSaid() {
        ImportPlan plan = map("HOSTS=a,b\nX='y'\n* * * * * run\n");
        assertEquals(Map.of("shell", "true", "command", "run", "env", "X=y"), job(plan, 0).getExecutorConfig());
        assertTrue(plan.warnings().get(0).message().startsWith("HOSTS not set"), plan.warnings().toString());
    }

    @Test
    void percentSignsFollowCronsRule() {
        assertArrayEquals(new String[]{"date +%s", null}, CrontabMapper.splitAtPercent("date +\\%s"));
        assertArrayEquals(new String[]{"cat", "a\nb\n"}, CrontabMapper.splitAtPercent("cat%a%b"));
        assertArrayEquals(new String[]{"cat", "\n"}, CrontabMapper.splitAtPercent("cat%"));
    }
}
