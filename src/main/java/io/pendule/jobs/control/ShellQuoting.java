package io.pendule.jobs.control;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A list of words written as a shell job's command, so that the shell executor's word splitting (executors.control
 * ShellWords, POSIX quoting) gives the same words back: plain words as they are, others in single quotes.
 */
public final class ShellQuoting {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    public static String command(List<String> words) {
        return words.stream().map(ShellQuoting::quoted).collect(Collectors.joining(" "));
    }

    static String quoted(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
