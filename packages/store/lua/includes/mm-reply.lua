-- Matchmaking script replies are one JSON string: {"r": code, ...}. Affected
-- queue entries are collected in MM_AFFECTED so the caller can mirror them onto
-- their lobby hashes (cross-slot) and then clear them from the outbox.
local MM_AFFECTED = {}
local function mmReply(code, extra)
  local out = extra or {}
  out['r'] = code
  if #MM_AFFECTED > 0 then out['a'] = MM_AFFECTED end
  return cjson.encode(out)
end
