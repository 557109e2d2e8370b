package io.decisioning.service.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time outside the benchmark JVM, from {@code /proc}, in 1/100 s (clock ticks): the embedded
 * MariaDB server the service started as a child process, and the whole machine. 0 where it cannot be
 * read (another OS, no embedded server).
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** The embedded MariaDB server, a child process of this JVM, if there is one. */
    static Optional<ProcessHandle> embeddedDatabase() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("mysqld") || c.contains("mariadbd")).orElse(false))
                .findFirst();
    }

    /** User and system CPU time of a process so far. */
    static long ticks(Optional<ProcessHandle> process) {
        if (process.isEmpty()) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.get().pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (IOException e) {
            return 0;
        }
    }

    /** CPU time the whole machine spent busy (not idle, not waiting for I/O) so far, from /proc/stat. */
    static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            return 0;
        }
    }
}
