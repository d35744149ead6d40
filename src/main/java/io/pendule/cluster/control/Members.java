package io.pendule.cluster.control;

import io.pendule.cluster.entity.Member;
import io.pendule.database.control.Jdbc;
import io.pendule.platform.Json;
import io.pendule.database.control.SqlTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's nodes as Dkron shows its members. Pendule has no elected leader (every worker's clock fires,
 * the database deciding which node takes each fire); the "leader" Dkron tools ask for is the live worker node
 * that has run the longest, a choice every node makes the same.
 */
@ApplicationScoped
public class Members {

    /** Nodes silent for longer are no longer listed (Dkron reaps failed members after 24 h too). */
    static final Duration FORGOTTEN_AFTER = Duration.ofHours(24);
    private static final String MEMBERS = "SELECT name, roles, tags, address, port, version, started_at, heartbeat_at, "
            + "left_at FROM node WHERE heartbeat_at > ? ORDER BY name";

    @Inject
    Jdbc jdbc;
    @Inject
    InstantSource time;

    public List<Member> all() {
        Instant now = time.instant();
        return jdbc.inTransaction(connection -> {
            List<Member> members = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(MEMBERS)) {
                SqlTime.set(select, 1, now.minus(FORGOTTEN_AFTER));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        members.add(member(rs, now));
                    }
                }
            }
            return members;
        });
    }

    public Optional<Member> leader() {
        return all().stream()
                .filter(m -> m.status() == Member.Status.ALIVE && m.roles().contains("worker"))
                .min(Comparator.comparing(Member::startedAt).thenComparing(Member::name));
    }

    /** Whether a live worker node's tags select a job with these tags (null or none: any live worker). */
    public boolean anyServes(Map<String, String> jobTags) {
        return all().stream().filter(m -> m.status() == Member.Status.ALIVE && m.roles().contains("worker"))
                .anyMatch(m -> NodeTags.advertised(m.tags(), m.roles(), m.version()).selectedBy(jobTags));
    }

    private static Member member(ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant heartbeat = SqlTime.get(rs, "heartbeat_at");
        Member.Status status = SqlTime.get(rs, "left_at") != null ? Member.Status.LEFT
                : heartbeat.isBefore(now.minus(NodeHeartbeat.DEAD_AFTER)) ? Member.Status.FAILED : Member.Status.ALIVE;
        return new Member(rs.getString("name"), rs.getString("roles"), Json.readStringMap(rs.getString("tags")),
                rs.getString("address"), rs.getInt("port"), rs.getString("version"), SqlTime.get(rs, "started_at"),
                heartbeat, status);
    }
}
