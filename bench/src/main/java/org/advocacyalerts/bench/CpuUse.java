package org.advocacyalerts.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time used by the parts of a benchmark over one phase: on a 2-core machine the services, the
 * database and the benchmark's own receivers share the cores, and a rate alone does not say which of
 * them bound it. PostgreSQL is every process named {@code postgres} (its backends included).
 */
final class CpuUse {

    private final Map<String, ProcessHandle> services;
    private final Map<String, Duration> start;
    private final long startNanos = System.nanoTime();

    private CpuUse(Map<String, ProcessHandle> services) {
        this.services = services;
        this.start = now();
    }

    /** Starts measuring the named service processes, PostgreSQL and this process. */
    static CpuUse start(Map<String, Process> services) {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        services.forEach((name, process) -> handles.put(name, process.toHandle()));
        return new CpuUse(handles);
    }

    private Map<String, Duration> now() {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        services.forEach((name, handle) -> cpu.put(name, cpu(handle)));
        cpu.put(
                "PostgreSQL",
                ProcessHandle.allProcesses()
                        .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
                        .map(CpuUse::cpu)
                        .reduce(Duration.ZERO, Duration::plus));
        cpu.put("benchmark (receivers, sinks, Kafka)", cpu(ProcessHandle.current()));
        return cpu;
    }

    private static Duration cpu(ProcessHandle handle) {
        return handle.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** One line: the cores each part kept busy on average since the start. */
    String report() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Duration> end = now();
        return end.entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %.2f",
                        e.getKey(),
                        e.getValue().minus(start.get(e.getKey())).toNanos() / 1e9 / seconds))
                .collect(Collectors.joining(
                        ", ",
                        "cores busy: ",
                        String.format(
                                Locale.ROOT, " (of %d)", Runtime.getRuntime().availableProcessors())));
    }
}
