-- Members back to JSON; cjson encodes an empty table as `{}`, the lobby layout wants `[]`.
local function encode_members(members)
  if #members == 0 then return '[]' end
  return cjson.encode(members)
end
