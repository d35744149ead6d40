package io.pendule.packs.control;

import io.pendule.packs.entity.PackType;

import java.util.Set;

/**
 * Where the matrix page finds the packs it shows as columns: every implementation is asked and their names joined
 * ({@link MatrixPacksInTables}: the packs the matrix and the configurations name; the registry adds the packs imported).
 */
public interface MatrixPacks {

    Set<String> packNames(PackType type);
}
