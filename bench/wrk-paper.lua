-- Paper market orders for wrk (docs/BENCHMARKS.md §14): POST /api/v1/paper/orders, 0.001 XBT/USD,
-- buy and sell in turn per connection, each connection pausing DELAY_MS before each request
-- (wrk only measures saturation; C connections make about C * 1000 / (DELAY_MS + latency)
-- orders a second). bench/run-paper.sh picks C and DELAY_MS; wrk's latency excludes the wait.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "5")
local count = 0

function delay()
  return delay_ms
end

function request()
  count = count + 1
  local side = (count % 2 == 0) and "sell" or "buy"
  local body = '{"pair":"XBT/USD","side":"' .. side .. '","volume":"0.001","strategy":"bench"}'
  return wrk.format("POST", "/api/v1/paper/orders", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("paced: %d orders in %.1f s = %.0f orders/s; errors %d (non-2xx %d); p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    summary.requests, seconds, summary.requests / seconds,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
