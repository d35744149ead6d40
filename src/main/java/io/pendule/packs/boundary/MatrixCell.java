package io.pendule.packs.boundary;

/**
 * A cell of the matrix page: whether the pack runs on the endpoint, whether it has a configuration there, and the
 * state of its last run ({@code never-run} until the pack executor records runs: the class the cell is drawn with).
 */
public record MatrixCell(String type, String pack, String slug, boolean active, boolean configured, String runState) {

    static final String NEVER_RUN = "never-run";

    /** The cell's element id: type, pack and slug, with what an id should not hold made '_'. */
    public String id() {
        return ("cell-" + type + "-" + pack + "-" + slug).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
