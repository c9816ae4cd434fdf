/**
 * {@code magpie bench}: the load tool. A protocol-level driver (one lightweight Netty connection per
 * simulated user, raw frames), scenarios ({@code connect}, {@code direct}, {@code group},
 * {@code mixed}), exact accounting of every message (delivered once, lost, duplicated, reordered),
 * HdrHistogram latencies with coordinated-omission correction, JSON results and PNG charts, and
 * setup helpers that seed accounts, friendships and resume tokens straight into the server
 * database. Every load loop is bounded by count and duration; only loopback targets are allowed
 * unless {@code --allow-remote} is given. See docs/benchmarks.md.
 */
package im.magpie.cli.bench;
