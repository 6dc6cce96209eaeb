-- wrk script: registrations with a unique address per request.
--   wrk ... -s post.lua -- MODE TAG TARGETS
-- MODE json: POST /api/v1/events/{id}/registrations, TARGETS are event ids;
-- MODE form: POST /events/{slug}/register (urlencoded), TARGETS are slugs.
-- TARGETS is a comma-separated list; requests go round the list. Party sizes go 1, 2, 3.
-- At the end one line "RESULT {...}" tells requests sent, answers by status class and latency.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

local mode, tag
local targets = {}
-- Globals, so that done() can read them from each thread with thread:get().
sent, answered = 0, 0
s2, s3, s4, s5, s409 = 0, 0, 0, 0, 0

function init(args)
  mode, tag = args[1], args[2]
  for t in string.gmatch(args[3], "[^,]+") do table.insert(targets, t) end
end

function request()
  sent = sent + 1
  local target = targets[((sent + tid) % #targets) + 1]
  local email = string.format("b%s-%d-%d@example.org", tag, tid, sent)
  local party = (sent % 3) + 1
  if mode == "json" then
    local body = string.format(
      '{"name":"Bench %d-%d","email":"%s","party_size":%d,"language":"de","consent":true}',
      tid, sent, email, party)
    return wrk.format("POST", "/api/v1/events/" .. target .. "/registrations",
      { ["Content-Type"] = "application/json" }, body)
  else
    local body = string.format(
      "name=Bench+%d-%d&email=%s&party_size=%d&language=de&consent=on&website=",
      tid, sent, email:gsub("@", "%%40"), party)
    return wrk.format("POST", "/events/" .. target .. "/register",
      { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
end

function response(status, headers, body)
  answered = answered + 1
  if status == 409 then s409 = s409 + 1 end
  if status < 300 then s2 = s2 + 1
  elseif status < 400 then s3 = s3 + 1
  elseif status < 500 then s4 = s4 + 1
  else s5 = s5 + 1 end
end

function done(summary, latency, requests)
  local t = { sent = 0, answered = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s409 = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"sent":%d,"answered":%d,"s2xx":%d,"s3xx":%d,"s4xx":%d,"s5xx":%d,"s409":%d,' ..
    '"socket_errors":%d,"timeouts":%d,"bytes":%d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    t.sent, t.answered, t.s2, t.s3, t.s4, t.s5, t.s409,
    e.connect + e.read + e.write, e.timeout, summary.bytes))
end
