package io.pendule.packs.control;

import io.pendule.packs.entity.Activation;
import io.pendule.packs.entity.PackType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.TreeSet;

/** The packs HDM's tables name: those with an activation or a configuration (written here, or by HDM before). */
@ApplicationScoped
public class MatrixPacksInTables implements MatrixPacks {

    @Inject
    Activations activations;
    @Inject
    PackConfigs configs;

    @Override
    public Set<String> packNames(PackType type) {
        Set<String> names = new TreeSet<>();
        activations.all().stream().filter(cell -> cell.type() == type).map(Activation::pack).forEach(names::add);
        configs.all(type).forEach(row -> names.add(row.id().pack()));
        return names;
    }
}
