-- wrk script for stale-load.sh: rotates over 50 ids of the demo's /expensive/{id} endpoint (300 ms per computation)
-- and counts, per response, non-2xx statuses, stale copies, misses, fresh hits and bypasses.
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx, stale, misses, hits, bypasses = 0, 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/expensive/" .. (counter % 50))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local cacheStatus = headers["Cache-Status"] or ""
  if string.find(cacheStatus, "detail=stale", 1, true) then
    stale = stale + 1
  elseif headers["X-Cache"] == "MISS" then
    misses = misses + 1
  elseif headers["X-Cache"] == "HIT" then
    hits = hits + 1
  elseif headers["X-Cache"] == "BYPASS" then
    bypasses = bypasses + 1
  end
end

function done(summary, latency, requests)
  local non2xx, stale, misses, hits, bypasses = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    bypasses = bypasses + thread:get("bypasses")
    non2xx = non2xx + thread:get("non2xx")
    stale = stale + thread:get("stale")
    misses = misses + thread:get("misses")
    hits = hits + thread:get("hits")
  end
  io.write(string.format("responses: %d (%.0f/s), non-2xx: %d, socket errors: %d\n", summary.requests,
    summary.requests / (summary.duration / 1000000), non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("fresh hits: %d, stale hits: %d, misses: %d, bypasses: %d\n", hits, stale, misses,
    bypasses))
  io.write(string.format("latency p50: %.2f ms, p90: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
