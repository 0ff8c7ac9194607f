-- Paces wrk to a target request rate (wrk itself only measures saturation): every connection
-- waits DELAY_MS before each request, so C connections make about C * 1000 / (DELAY_MS + latency)
-- requests per second. bench/run-load.sh picks C and DELAY_MS; wrk's latency excludes the wait.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "5")

function delay()
  return delay_ms
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("paced: %d requests in %.1f s = %.0f req/s; errors %d; p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    summary.requests, seconds, summary.requests / seconds,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
