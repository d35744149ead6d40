package io.pendule.packs.control;

import io.pendule.packs.entity.PackType;
import io.pendule.packs.entity.PackVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The packs imported into the registry, each a column of the matrix of its type before anything is activated. */
@ApplicationScoped
public class MatrixPacksInRegistry implements MatrixPacks {

    @Inject
    PackRegistry registry;

    @Override
    public Set<String> packNames(PackType type) {
        return registry.all().stream().filter(pack -> pack.type() == type).map(PackVersion::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
