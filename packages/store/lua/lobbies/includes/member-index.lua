-- The index of `playerId` in a members array, or nil.
local function member_index(members, playerId)
  for i, m in ipairs(members) do
    if m.id == playerId then return i end
  end
  return nil
end
