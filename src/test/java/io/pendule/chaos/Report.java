package io.pendule.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-phase table of a chaos run, and the list of breaches with examples: printed and written to target/chaos/report.md. */
final class Report {

    private Report() {
    }

    /** Writes the report; returns the breaches, one line each with examples (empty: every invariant held). */
    static List<String> write(Path file, String header, Map<Phase, Oracle.Figures> figures) throws Exception {
        StringBuilder table = new StringBuilder(header).append("\n\n| phase | s | fires | calls |");
        for (Oracle.Invariant invariant : Oracle.Invariant.values()) {
            table.append(' ').append(invariant.name().replaceAll("_.*", "")).append(invariant == Oracle.Invariant.I6_WEBHOOKS ? "w" : "").append(" |");
        }
        table.append(" worst resume s | orphaned after a call | notes |\n|---|---|---|---|");
        table.append("---|".repeat(Oracle.Invariant.values().length)).append("---|---|---|\n");
        List<String> breaches = new ArrayList<>();
        figures.forEach((phase, f) -> {
            table.append("| ").append(phase.name).append(" | ")
                    .append(java.time.Duration.between(phase.start, phase.end).toSeconds()).append(" | ")
                    .append(f.fires).append(" | ").append(f.calls).append(" |");
            for (Oracle.Invariant invariant : Oracle.Invariant.values()) {
                long n = f.count(invariant);
                table.append(' ').append(n == 0 ? "0" : "**" + n + "**").append(" |");
                if (n != 0) {
                    breaches.add(phase.name + ": " + invariant.title + ": " + n + ", e.g. " + String.join("; ", f.examples.get(invariant)));
                }
            }
            table.append(' ').append(f.worstResumeSeconds < 0 ? "-" : f.worstResumeSeconds == Double.MAX_VALUE ? "never"
                    : String.format("%.1f", f.worstResumeSeconds)).append(" | ").append(f.orphanedAfterCall)
                    .append(" | ").append(String.join("; ", notes(phase, f))).append(" |\n");
        });
        table.append("\nColumns: ");
        for (Oracle.Invariant invariant : Oracle.Invariant.values()) {
            table.append("\n- ").append(invariant.title);
        }
        table.append("\n\n## Breaches\n\n");
        breaches.forEach(b -> table.append("- ").append(b).append('\n'));
        if (breaches.isEmpty()) {
            table.append("none: every invariant held.\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.out.println(table);
        return breaches;
    }

    private static List<String> notes(Phase phase, Oracle.Figures f) {
        List<String> notes = new ArrayList<>(phase.notes);
        if (f.webhooksSentAgain > 0) {
            notes.add(f.webhooksSentAgain + " webhook(s) sent again after a node was cut off (at least once)");
        }
        return notes;
    }
}
