package io.pendule.packs.boundary;

import java.util.List;

/** One half of the matrix page, metric packs or rule packs: the packs as columns, the endpoints as rows of cells. */
public record MatrixSection(String type, List<String> packs, List<Row> rows) {

    /** An endpoint and its cells, in the order of the packs. */
    public record Row(String slug, String name, String kind, List<MatrixCell> cells) {
    }
}
