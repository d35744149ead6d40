package io.pendule.cluster.entity;

import java.time.Instant;
import java.util.Map;

/** A node of the cluster as the others see it: roles, tags, where it listens, and whether it is alive. */
public record Member(String name, String roles, Map<String, String> tags, String address, int port, String version,
                     Instant startedAt, Instant heartbeatAt, Status status) {

    /** Serf's member status codes, which Dkron's API shows. */
    public enum Status {
        ALIVE(1), LEFT(3), FAILED(4);

        public final int code;

        Status(int code) {
            this.code = code;
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
