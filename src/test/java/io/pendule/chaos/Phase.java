package io.pendule.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One phase of the run: its window, the faults' moments in it, and what was seen at its end. */
final class Phase {

    /** A node lost (killed, stopped, cut off) or the database back for the nodes, at an instant. */
    record Event(Kind kind, String what, Instant at) {
    }

    enum Kind { NODE_LOST, NODE_FROZEN, DATABASE_BACK }

    final String name;
    Instant start;
    Instant end;
    final List<Event> events = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Rows still running past their lease and grace (or far past any job's length), counted at the phase's end. */
    long stuckAtEnd = -1;

    Phase(String name) {
        this.name = name;
        this.start = Instant.now();
    }

    /** This phase over a given window (for the oracle's own tests). */
    Phase window(Instant from, Instant to) {
        start = from;
        end = to;
        stuckAtEnd = 0;
        return this;
    }

    void nodeLost(String what) {
        events.add(new Event(Kind.NODE_LOST, what, Instant.now()));
    }

    /** A node frozen (paused, or its traffic blackholed): its open claim may keep row locks until PostgreSQL ends it. */
    void nodeFrozen(String what) {
        events.add(new Event(Kind.NODE_FROZEN, what, Instant.now()));
    }

    void databaseBack(String what) {
        events.add(new Event(Kind.DATABASE_BACK, what, Instant.now()));
    }

    void note(String note) {
        notes.add(note);
        System.out.println("[chaos] " + name + ": " + note);
    }

    boolean contains(Instant at) {
        return at != null && !at.isBefore(start) && at.isBefore(end);
    }
}
