/** The unique, case-insensitive display-name index: name -> playerId. */
export const accountNameKey = (name: string) => `account:name:{${name.toLowerCase()}}`;
