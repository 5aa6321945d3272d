/** Chat: party chat per lobby and direct messages between friends (docs/social.md). */
export { appendLobbyMessage, appendLobbySystemLine, getLobbyChat, deleteLobbyChat, type LobbySystemLineInput } from './lobby.js';
export { sendDirectMessage, listConversations, getConversation, markConversationRead, NOT_A_FRIEND_MESSAGE, type SentDirectMessage } from './direct.js';
