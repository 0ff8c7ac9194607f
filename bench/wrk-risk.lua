-- Pre-trade checks for wrk (docs/BENCHMARKS.md §15): POST /api/v1/risk/check, buys and sells of
-- XBT/USD and ETH/USD, spot and 3x margin, in turn per connection, each connection pausing DELAY_MS
-- before each request (C connections make about C * 1000 / (DELAY_MS + latency) checks a second).
-- bench/run-risk.sh picks C and DELAY_MS; wrk's latency excludes the wait.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "18")
local count = 0
local bodies = {
  '{"pair":"XBT/USD","side":"buy","volume":"0.01"}',
  '{"pair":"XBT/USD","side":"sell","volume":"0.02","leverage":"3"}',
  '{"pair":"ETH/USD","side":"buy","volume":"0.5","stop_loss":"100"}',
  '{"pair":"ETH/USD","side":"sell","volume":"0.25","leverage":"3"}',
}

function delay()
  return delay_ms
end

function request()
  count = count + 1
  local body = bodies[(count % #bodies) + 1]
  return wrk.format("POST", "/api/v1/risk/check", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("paced: %d checks in %.1f s = %.0f checks/s; errors %d (non-2xx %d); p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    summary.requests, seconds, summary.requests / seconds,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
