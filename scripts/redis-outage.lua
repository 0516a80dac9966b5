-- wrk script for redis-outage-load.sh: rotates over 200 ids of the demo's /random/{id} endpoint and counts, per
-- response, non-2xx statuses and the X-Cache header's values.
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx, hits, misses, bypasses = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", "/random/" .. (counter % 200))
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local cache = headers["X-Cache"]
  if cache == "HIT" then
    hits = hits + 1
  elseif cache == "MISS" then
    misses = misses + 1
  elseif cache == "BYPASS" then
    bypasses = bypasses + 1
  end
end

function done(summary, latency, requests)
  local non2xx, hits, misses, bypasses = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    non2xx = non2xx + thread:get("non2xx")
    hits = hits + thread:get("hits")
    misses = misses + thread:get("misses")
    bypasses = bypasses + thread:get("bypasses")
  end
  io.write(string.format("responses: %d, non-2xx: %d, socket errors: %d\n", summary.requests, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("X-Cache HIT: %d, MISS: %d, BYPASS: %d\n", hits, misses, bypasses))
  io.write(string.format("latency p50: %.2f ms, p99: %.2f ms, max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
