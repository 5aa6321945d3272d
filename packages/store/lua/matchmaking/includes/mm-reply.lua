-- Matchmaking script replies follow the store's convention (docs/redis.md):
-- {status, json} where json is one JSON object with the named values, so
-- `{r:1, players}` in a contract header means status 1 and a `players` field.
-- Affected queue entries are collected in MM_AFFECTED (field `a`) so the caller
-- can mirror them onto their lobby hashes (cross-slot) and then clear them
-- from the outbox.
local MM_AFFECTED = {}
local function mmReply(code, extra)
  local out = extra or {}
  if #MM_AFFECTED > 0 then out['a'] = MM_AFFECTED end
  return { code, cjson.encode(out) }
end
