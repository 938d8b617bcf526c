-- wrk reporter: one JSON line with throughput, latency percentiles (µs) and errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx_3xx": %d, ' ..
    '"p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, "mean_us": %.0f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
