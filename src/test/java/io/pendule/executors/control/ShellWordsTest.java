package io.pendule.executors.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShellWordsTest {

    @Test
    void splitsOnBlanks() {
        assertEquals(List.of("echo", "a", "b"), ShellWords.split("  echo\ta \n b "));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("echo", "a b \\\" $x"), ShellWords.split("echo 'a b \\\" $x'"));
    }

    @Test
    void doubleQuotesEscapeOnlyTheSpecialCharacters() {
        assertEquals(List.of("a \"q\" \\n $HOME"), ShellWords.split("\"a \\\"q\\\" \\n $HOME\""));
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertEquals(List.of("a b", "c"), ShellWords.split("a\\ b c"));
        assertEquals(List.of("ab"), ShellWords.split("a\\\nb"));
    }

    @Test
    void adjacentPartsFormOneWordAndEmptyQuotesAnEmptyWord() {
        assertEquals(List.of("abc", "", "x"), ShellWords.split("a'b'\"c\" '' x"));
    }

    @Test
    void nothingIsExpanded() {
        assertEquals(List.of("ls", "*", "|", "wc"), ShellWords.split("ls * | wc"));
    }

    @Test
    void rejectsUnterminatedQuotesAndTrailingBackslash() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'a"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"a"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo a\\"));
    }
}
