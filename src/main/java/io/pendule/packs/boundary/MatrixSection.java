package io.pendule.packs.boundary;

import java.util.List;

/** One half of the matrix page, metric packs or rule packs: the packs as columns, the endpoints as rows of cells. */
public record MatrixSection(String type, List<Column> packs, List<Row> rows) {

    /** A pack, and whether a job runs it (what its column's re-run can start). */
    public record Column(String name, boolean hasJob) {
    }

    /** An endpoint and its cells, in the order of the packs. */
    public record Row(String slug, String name, String kind, List<MatrixCell> cells) {

        /** Whether a cell of the row is on and its pack run by a job: what the row's re-run can start. */
        public boolean runnable() {
            return cells.stream().anyMatch(cell -> cell.active() && cell.hasJob());
        }
    }
}
