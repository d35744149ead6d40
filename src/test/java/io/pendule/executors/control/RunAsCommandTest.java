package io.pendule.executors.control;

import io.pendule.executors.entity.RunAs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunAsCommandTest {

    private static final List<String> ARGV = List.of("/bin/sh", "-c", "id");
    private final RunAsCommand.Accounts accounts = new RunAsCommand.Accounts() {
        final Map<String, RunAsCommand.Account> users = Map.of(
                "app", new RunAsCommand.Account("app", 1001, 1001, "/home/app"),
                "pendule", new RunAsCommand.Account("pendule", 999, 999, "/var/lib/pendule"));

        @Override
        public Optional<RunAsCommand.Account> user(String name) {
            return Optional.ofNullable(users.get(name));
        }

        @Override
        public OptionalLong group(String name) {
            return name.equals("staff") ? OptionalLong.of(50) : OptionalLong.empty();
        }
    };

    @Test
    void rootSwitchesThroughSetprivToTheUserAndItsGroups() throws IOException {
        RunAsCommand.Switch switched = RunAsCommand.of(new RunAs("app", null), ARGV, 0, accounts, true);
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=1001", "--regid=1001", "--init-groups", "--", "/bin/sh", "-c", "id"),
                switched.argv());
        assertEquals("/home/app", switched.account().home());
        assertEquals("--regid=50", RunAsCommand.of(new RunAs("app", "staff"), ARGV, 0, accounts, true).argv().get(2));
    }

    @Test
    void aJobNamingPendulesOwnAccountRunsAsItAnywhere() throws IOException {
        assertEquals(ARGV, RunAsCommand.of(new RunAs("pendule", null), ARGV, 999, accounts, false).argv());
    }

    @Test
    void elsewhereTheRunFailsSayingWhy() {
        assertEquals("su: Pendule runs as uid 999 on this node, not as root, so its jobs run as that account only",
                assertThrows(IOException.class, () -> RunAsCommand.of(new RunAs("app", null), ARGV, 999, accounts, true)).getMessage());
        assertEquals("su: there is no user ghost on this node",
                assertThrows(IOException.class, () -> RunAsCommand.of(new RunAs("ghost", null), ARGV, 0, accounts, true)).getMessage());
        assertEquals("su: there is no group wheel on this node",
                assertThrows(IOException.class, () -> RunAsCommand.of(new RunAs("app", "wheel"), ARGV, 0, accounts, true)).getMessage());
        assertEquals("su: /usr/bin/setpriv (util-linux) is missing on this node",
                assertThrows(IOException.class, () -> RunAsCommand.of(new RunAs("app", null), ARGV, 0, accounts, false)).getMessage());
    }

    @Test
    void theSystemsAccountsAreReadWithGetent() {
        RunAsCommand.Account root = RunAsCommand.SYSTEM.user("root").orElseThrow();
        assertEquals(0, root.uid());
        assertEquals("/root", root.home());
        assertEquals(0, RunAsCommand.SYSTEM.group("root").orElseThrow());
        assertEquals(Optional.empty(), RunAsCommand.SYSTEM.user("no-such-account-here"));
    }
}
