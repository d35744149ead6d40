package io.pendule.jobs.control;

import io.pendule.api.entity.FieldError;
import io.pendule.jobs.entity.ImportPlan;
import io.pendule.jobs.entity.ImportWarning;
import io.pendule.jobs.entity.ImportedJob;
import io.pendule.jobs.entity.Job;
import io.pendule.workflows.entity.RunOnStart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crontab as Pendule shell jobs, one a line, run as cron runs them ({@code /bin/sh -c}, or the SHELL the file
 * sets): five fields or a descriptor ({@code @daily}, {@code @reboot}: a start-up run), the {@code NAME=value} lines
 * before a job line as its environment ({@code CRON_TZ} and {@code TZ} as its time zone), cron's {@code %} (the rest
 * of the line is the command's standard input), and the system crontab's user field ({@code /etc/crontab},
 * {@code /etc/cron.d}), told by {@code format} or, when every line's user is root, found.
 */
public final class CrontabMapper {

    /** The crontab's form: a user's (crontab -e) or the system's, with a user field; null: found from the lines. */
    public enum Format {
        USER, SYSTEM;

        public static Optional<Format> ofCode(String code) {
            return switch (code) {
                case "user" -> Optional.of(USER);
                case "system" -> Optional.of(SYSTEM);
                default -> Optional.empty();
            };
        }
    }

    private static final Pattern ENVIRONMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)");
    private static final Pattern FIVE_FIELDS = Pattern.compile("(\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+)\\s+(.*)");
    private static final Pattern DESCRIPTOR = Pattern.compile("(@\\S+)\\s+(.*)");
    private static final Pattern USER_FIRST = Pattern.compile("(\\S+)\\s+(.*)");
    private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    /** Programs that run another, the first word of a line whose job is better named after the one they run. */
    private static final Set<String> WRAPPERS = Set.of("cd", "nice", "ionice", "flock", "timeout", "env", "exec",
            "sudo", "nohup", "time", "test", "[", "sleep", "chronic", "&&", "||", ";", "|");
    /** A line that starts a loop or a test is not named after a program: crontab-N. */
    private static final Set<String> SHELL_KEYWORDS = Set.of("for", "while", "until", "if", "case", "{", "!", "select");
    private static final Set<String> NOT_ENVIRONMENT = Set.of("MAILTO", "MAILFROM", "RANDOM_DELAY", "CRON_TZ", "SHELL");
    private static final String SH = "/bin/sh";

    private final ImportedNames names;
    private final List<ImportedJob> jobs = new ArrayList<>();
    private final List<ImportWarning> warnings = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String timezone = "";
    private String shell = SH;

    private CrontabMapper(Predicate<String> exists) {
        this.names = new ImportedNames(exists);
    }

    /** The plan of the crontab's lines; {@code exists} says whether a stored job has a name (the job is named apart). */
    public static ImportPlan map(String crontab, Format format, Predicate<String> exists) {
        CrontabMapper mapper = new CrontabMapper(exists);
        List<String> lines = crontab.lines().toList();
        Format read = format != null ? format : mapper.found(lines);
        for (int i = 0; i < lines.size(); i++) {
            mapper.line(i + 1, lines.get(i).strip(), read);
        }
        if (mapper.jobs.isEmpty() && mapper.errors.isEmpty()) {
            mapper.errors.add(new FieldError("body", "no crontab line: five fields or a @descriptor, then the command"));
        }
        if (read == Format.USER && !mapper.jobs.isEmpty()) {
            mapper.warnings.add(new ImportWarning("body", null, "the jobs run as Pendule's account on a worker node,"
                    + " not as the crontab's owner (a job's executor_config su names another account, docs/jobs.md)"));
        }
        return new ImportPlan(mapper.jobs, mapper.warnings, mapper.errors);
    }

    /** A system crontab when every job line has root after its schedule, as /etc/crontab's and cron.d's lines do. */
    private Format found(List<String> lines) {
        List<String> userFields = lines.stream().map(String::strip).filter(CrontabMapper::isJobLine)
                .map(line -> schedule(line).map(s -> USER_FIRST.matcher(s[1])).filter(Matcher::matches)
                        .map(m -> m.group(1)).orElse(""))
                .toList();
        if (!userFields.isEmpty() && userFields.stream().allMatch("root"::equals)) {
            warnings.add(new ImportWarning("body", null, "read as a system crontab (its lines name the user root"
                    + " before the command); send ?format=user to read root as the command"));
            return Format.SYSTEM;
        }
        return Format.USER;
    }

    private static boolean isJobLine(String line) {
        return !line.isEmpty() && !line.startsWith("#") && !ENVIRONMENT.matcher(line).matches();
    }

    /** The schedule (a descriptor or five fields) and the rest of the line; empty when the line has neither. */
    private static Optional<String[]> schedule(String line) {
        Matcher matcher = (line.startsWith("@") ? DESCRIPTOR : FIVE_FIELDS).matcher(line);
        return matcher.matches() ? Optional.of(new String[]{matcher.group(1), matcher.group(2)}) : Optional.empty();
    }

    private void line(int number, String line, Format format) {
        String at = "line " + number;
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        Matcher variable = ENVIRONMENT.matcher(line);
        if (variable.matches()) {
            setting(at, variable.group(1), unquoted(variable.group(2).strip()));
            return;
        }
        Optional<String[]> scheduled = schedule(line);
        if (scheduled.isEmpty()) {
            errors.add(new FieldError(at, "not a crontab line: five schedule fields or a @descriptor then a command,"
                    + " or NAME=value"));
            return;
        }
        String when = scheduled.get()[0];
        String rest = scheduled.get()[1];
        String user = null;
        if (format == Format.SYSTEM) {
            Matcher userFirst = USER_FIRST.matcher(rest);
            if (!userFirst.matches()) {
                errors.add(new FieldError(at, "a system crontab's line names a user, then the command"));
                return;
            }
            user = userFirst.group(1);
            rest = userFirst.group(2);
        }
        String lowerWhen = when.toLowerCase(Locale.ROOT);
        if (when.startsWith("@") && !DESCRIPTORS.contains(lowerWhen) && !lowerWhen.equals("@reboot")) {
            errors.add(new FieldError(at, "unknown descriptor " + when + " (@reboot, @yearly, @annually, @monthly,"
                    + " @weekly, @daily, @midnight, @hourly)"));
            return;
        }
        job(at, number, lowerWhen.startsWith("@") ? lowerWhen : when, rest, user);
    }

    private void setting(String at, String name, String value) {
        switch (name) {
            case "CRON_TZ" -> timezone = value;
            case "TZ" -> timezone = value;
            case "SHELL" -> shell = value.isEmpty() ? SH : value;
            case "MAILTO", "MAILFROM" -> warnings.add(new ImportWarning(at, null, name + " not mapped: Pendule does not mail"
                    + " a run's output; a job's notifications (on failure, by e-mail to its owner_email or a webhook) do"));
            case "RANDOM_DELAY" -> warnings.add(new ImportWarning(at, null, name + " not mapped: spread jobs with"
                    + " a hashed field instead (schedule 0 ~ * * * *, docs/scheduling.md)"));
            default -> { }
        }
        if (NOT_ENVIRONMENT.contains(name)) {
            return;
        }
        if (value.contains(",")) {
            warnings.add(new ImportWarning(at, null, name + " not set: its value holds a comma, which the shell"
                    + " executor's env (NAME=value,NAME=value) cannot carry; set it in the commands instead"));
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
    }

    /** Cron takes a value's quotes off when they enclose it all. */
    private static String unquoted(String value) {
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }

    private void job(String at, int number, String when, String line, String user) {
        String[] commandAndInput = splitAtPercent(line);
        String command = commandAndInput[0].strip();
        String name = nameFor(at, number, command);
        Job job = new Job(name);
        job.setExecutor("shell");
        job.setTimezone(timezone);
        if (when.equals("@reboot")) {
            job.setSchedule("@manually");
            job.setRunOnStart(RunOnStart.ALWAYS);
            warnings.add(new ImportWarning(at, name, "@reboot is run_on_start always with no schedule: the job runs"
                    + " when worker nodes start, once for nodes started together (docs/scheduling.md, Start-up runs),"
                    + " not at each reboot of a host"));
        } else {
            job.setSchedule(ImportedSchedules.of(when));
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (shell.equals(SH) || shell.equals("sh")) {
            config.put("shell", "true");
            config.put("command", command);
        } else {
            config.put("command", ShellQuoting.command(List.of(shell, "-c", command)));
        }
        if (!environment.isEmpty()) {
            config.put("env", String.join(",", environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (commandAndInput[1] != null) {
            config.put("payload", Base64.getEncoder().encodeToString(commandAndInput[1].getBytes(StandardCharsets.UTF_8)));
        }
        user(at, name, user, config);
        job.setExecutorConfig(config);
        jobs.add(new ImportedJob(at, job, Map.of()));
    }

    private void user(String at, String name, String user, Map<String, String> config) {
        if (user == null) {
            return;
        }
        if (user.equals("root")) {
            warnings.add(new ImportWarning(at, name, "runs as root only where Pendule runs as root; elsewhere as"
                    + " Pendule's account"));
        } else {
            config.put("su", user);
            warnings.add(new ImportWarning(at, name, "runs as " + user + " (su), which needs Pendule to run as root"
                    + " on the worker (docs/security.md)"));
        }
    }

    /**
     * Cron's rule: the first % not escaped by a backslash ends the command, and the rest, each % a newline, is its
     * standard input; {@code \%} is a %. Answers the command and the input (null when there is none).
     */
    static String[] splitAtPercent(String line) {
        StringBuilder command = new StringBuilder();
        StringBuilder input = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            StringBuilder into = input == null ? command : input;
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '%') {
                into.append('%');
                i++;
            } else if (c == '%') {
                if (input == null) {
                    input = new StringBuilder();
                } else {
                    input.append('\n');
                }
            } else {
                into.append(c);
            }
        }
        if (input != null && (input.length() == 0 || input.charAt(input.length() - 1) != '\n')) {
            input.append('\n');
        }
        return new String[]{command.toString(), input == null ? null : input.toString()};
    }

    /** After the program the line runs (not a wrapper such as cd, nice or flock), else crontab-N; unique. */
    private String nameFor(String at, int number, String command) {
        String program = "";
        boolean skipNext = false;
        for (String word : command.split("[\\s;&|()]+")) {
            String bare = word.replaceAll("[\"'`]", "");
            if (skipNext) {
                skipNext = false;
            } else if (SHELL_KEYWORDS.contains(bare)) {
                break;
            } else if (bare.equals("cd")) {
                skipNext = true;
            } else if (!bare.isEmpty() && !WRAPPERS.contains(bare) && !bare.startsWith("-") && !bare.contains("=")
                    && !bare.matches("[0-9.]+[smhd]?")) {
                program = bare;
                break;
            }
        }
        String base = program.substring(program.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z0-9]{1,4}$", "");
        String wanted = ImportedNames.sanitized(base);
        if (wanted.isEmpty()) {
            wanted = "crontab-" + number;
        }
        String name = names.free(wanted);
        if (!name.equals(wanted)) {
            warnings.add(new ImportWarning(at, name, "named " + name + ": " + wanted
                    + (names.storedJobHas(wanted) ? " is a stored job's name" : " is an earlier line's job")));
        }
        return name;
    }
}
