/**
 * JMH benchmarks of the hot paths, in-process on in-memory fakes (no AWS engine, no network): what each costs in
 * CPU on one thread. {@code ./lem bench jmh [--quick]} runs them through {@link dev.lem.local.bench.jmh.JmhBench}
 * in both modes: throughput (ops/s) and sample time (p50/p99). Each state is rebuilt every iteration, so the
 * in-memory stores do not grow across iterations.
 */
package dev.lem.local.bench.jmh;
