-- wrk script: one JSON line with throughput, latency percentiles (µs) and errors.
-- With BENCH_PATHS naming a file of paths (one a line), requests cycle through them.
local paths, index = nil, 0
local file = os.getenv("BENCH_PATHS")
if file then
  paths = {}
  for line in io.lines(file) do table.insert(paths, line) end
end

request = function()
  if not paths then return wrk.request() end
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx_3xx": %d, ' ..
    '"p50_us": %.0f, "p95_us": %.0f, "p99_us": %.0f, "mean_us": %.0f}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
