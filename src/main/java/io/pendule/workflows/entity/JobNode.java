package io.pendule.workflows.entity;

/** A job as the dependencies graph shows it: its name and label, its depth (its column), whether it is on, its last status. */
public record JobNode(String name, String displayname, int depth, boolean disabled, String status) {

    /** What the node shows: the display name when there is one. */
    public String label() {
        return displayname == null || displayname.isBlank() ? name : displayname;
    }
}
