import { CHAT_MAX_LENGTH, type Conversation, type DirectMessage, type LobbyChatLine, type RealmServerMessage } from '@glaceon/protocol';
import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import type { SliceCreator } from './types.js';
import { t } from '../strings.js';

/**
 * Party chat and direct messages. History comes from Realm (the lobby's chat
 * when the lobby changes or the event socket reconnects; the conversation list
 * at every snapshot, which is how messages sent while offline arrive); live
 * lines are pushed (`chat.line`, `dm.message`, `dm.read`). Text stays text:
 * components render it as React text nodes, never as HTML.
 */
export interface ChatSlice {
  chat: {
    lobbyId: string | null;
    lines: LobbyChatLine[];
    loading: boolean;
    error: string | null;
    sending: boolean;
    sendError: string | null;
  };
  messages: {
    conversations: Conversation[] | null;
    loading: boolean;
    error: string | null;
    /** The conversation on screen (a player id). */
    open: string | null;
    /** Loaded histories by player id, oldest first. */
    history: Record<string, DirectMessage[]>;
    historyLoading: boolean;
    historyError: string | null;
    sending: boolean;
    sendError: string | null;
  };
  blocks: { busy: string[]; error: string | null };
  loadLobbyChat(): Promise<void>;
  sendLobbyChat(text: string): Promise<boolean>;
  loadConversations(): Promise<void>;
  openMessages(playerId?: string): Promise<void>;
  openConversation(playerId: string | null): Promise<void>;
  sendMessage(text: string): Promise<boolean>;
  blockPlayer(playerId: string): Promise<void>;
  unblockPlayer(playerId: string): Promise<void>;
  applyChatMessage(message: Extract<RealmServerMessage, { type: 'chat.line' | 'dm.message' | 'dm.read' }>): void;
}

export const initialChat: ChatSlice['chat'] = { lobbyId: null, lines: [], loading: false, error: null, sending: false, sendError: null };
export const initialMessages: ChatSlice['messages'] = {
  conversations: null,
  loading: false,
  error: null,
  open: null,
  history: {},
  historyLoading: false,
  historyError: null,
  sending: false,
  sendError: null,
};
export const initialBlocks: ChatSlice['blocks'] = { busy: [], error: null };

/** The total of unread direct messages (the navigation badge). */
export const unreadTotal = (conversations: Conversation[] | null) => (conversations ?? []).reduce((n, c) => n + c.unread, 0);

const byId = <T extends { id: string }>(list: T[], item: T) => (list.some((x) => x.id === item.id) ? list : [...list, item]);

/** A message the player typed, checked as Realm will check it (so the common mistakes need no round trip). */
function checkText(raw: string): string | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: t.chat.empty };
  if (text.length > CHAT_MAX_LENGTH) return { error: t.chat.tooLong(CHAT_MAX_LENGTH) };
  return text;
}

export const createChatSlice: SliceCreator<ChatSlice> =
  ({ backend }) =>
  (set, get) => {
    let chatRequest = 0;
    let historyRequest = 0;
    const viewingConversation = (playerId: string) => get().ui.view === 'messages' && get().messages.open === playerId;

    return {
      chat: initialChat,
      messages: initialMessages,
      blocks: initialBlocks,

      async loadLobbyChat() {
        const lobbyId = get().lobby.current?.id ?? null;
        const n = ++chatRequest;
        if (!lobbyId) {
          set({ chat: initialChat });
          return;
        }
        patchSlice(set, 'chat', (c) => ({ lobbyId, lines: c.lobbyId === lobbyId ? c.lines : [], loading: true, error: null }));
        try {
          const lines = await backend.lobbyChat(lobbyId);
          if (n !== chatRequest) return;
          // Lines pushed while the history was on its way are kept (merged by id, in order).
          patchSlice(set, 'chat', (c) => ({
            lines: [...lines, ...c.lines.filter((l) => c.lobbyId === lobbyId && !lines.some((x) => x.id === l.id))].sort((a, b) => a.at - b.at),
            loading: false,
          }));
        } catch (error) {
          if (n === chatRequest) patchSlice(set, 'chat', { loading: false, error: describeError(error) });
        }
      },

      async sendLobbyChat(raw) {
        const lobbyId = get().chat.lobbyId;
        if (!lobbyId || get().chat.sending) return false;
        const text = checkText(raw);
        if (typeof text !== 'string') {
          patchSlice(set, 'chat', { sendError: text.error });
          return false;
        }
        patchSlice(set, 'chat', { sending: true, sendError: null });
        try {
          const line = await backend.sendLobbyChat(lobbyId, text);
          patchSlice(set, 'chat', (c) => ({ sending: false, lines: c.lobbyId === lobbyId ? byId(c.lines, line) : c.lines }));
          return true;
        } catch (error) {
          patchSlice(set, 'chat', { sending: false, sendError: describeError(error) });
          return false;
        }
      },

      async loadConversations() {
        patchSlice(set, 'messages', { loading: true, error: null });
        try {
          const conversations = await backend.conversations();
          patchSlice(set, 'messages', { conversations, loading: false });
          const open = get().messages.open;
          if (open && viewingConversation(open)) void get().openConversation(open);
        } catch (error) {
          patchSlice(set, 'messages', { loading: false, error: describeError(error) });
        }
      },

      async openMessages(playerId) {
        set({ ui: { view: 'messages' } });
        if (playerId) await get().openConversation(playerId);
        else if (!get().messages.conversations) await get().loadConversations();
      },

      async openConversation(playerId) {
        patchSlice(set, 'messages', { open: playerId, historyError: null, sendError: null });
        if (!playerId) return;
        const n = ++historyRequest;
        patchSlice(set, 'messages', { historyLoading: true });
        try {
          const conv = await backend.conversation(playerId);
          if (n !== historyRequest) return;
          patchSlice(set, 'messages', (m) => ({
            historyLoading: false,
            history: { ...m.history, [playerId]: conv.messages },
            // A conversation started from the friends list appears in the list at once.
            conversations: m.conversations?.some((c) => c.player.id === playerId)
              ? m.conversations
              : [{ player: conv.player, unread: conv.unread, last: conv.messages.at(-1) ?? null }, ...(m.conversations ?? [])],
          }));
          if (conv.unread > 0 || get().messages.conversations?.find((c) => c.player.id === playerId)?.unread) {
            patchSlice(set, 'messages', (m) => ({ conversations: m.conversations?.map((c) => (c.player.id === playerId ? { ...c, unread: 0 } : c)) ?? null }));
            await backend.markRead(playerId).catch(() => undefined);
          }
        } catch (error) {
          if (n === historyRequest) patchSlice(set, 'messages', { historyLoading: false, historyError: describeError(error) });
        }
      },

      async sendMessage(raw) {
        const to = get().messages.open;
        if (!to || get().messages.sending) return false;
        const text = checkText(raw);
        if (typeof text !== 'string') {
          patchSlice(set, 'messages', { sendError: text.error });
          return false;
        }
        patchSlice(set, 'messages', { sending: true, sendError: null });
        try {
          const message = await backend.sendMessage(to, text);
          patchSlice(set, 'messages', (m) => ({
            sending: false,
            history: { ...m.history, [to]: byId(m.history[to] ?? [], message) },
            conversations: m.conversations?.map((c) => (c.player.id === to ? { ...c, last: message } : c)) ?? null,
          }));
          return true;
        } catch (error) {
          patchSlice(set, 'messages', { sending: false, sendError: describeError(error) });
          return false;
        }
      },

      async blockPlayer(playerId) {
        if (get().blocks.busy.includes(playerId)) return;
        patchSlice(set, 'blocks', (b) => ({ busy: [...b.busy, playerId], error: null }));
        try {
          await backend.block(playerId);
          // The server pushes the new friends view (blocked list included).
        } catch (error) {
          patchSlice(set, 'blocks', { error: describeError(error) });
        } finally {
          patchSlice(set, 'blocks', (b) => ({ busy: b.busy.filter((id) => id !== playerId) }));
        }
      },

      async unblockPlayer(playerId) {
        if (get().blocks.busy.includes(playerId)) return;
        patchSlice(set, 'blocks', (b) => ({ busy: [...b.busy, playerId], error: null }));
        try {
          await backend.unblock(playerId);
        } catch (error) {
          patchSlice(set, 'blocks', { error: describeError(error) });
        } finally {
          patchSlice(set, 'blocks', (b) => ({ busy: b.busy.filter((id) => id !== playerId) }));
        }
      },

      applyChatMessage(message) {
        switch (message.type) {
          case 'chat.line':
            patchSlice(set, 'chat', (c) => (c.lobbyId === message.lobbyId ? { lines: byId(c.lines, message.line) } : {}));
            return;
          case 'dm.message': {
            const me = get().session.me?.id;
            const other = message.message.from === me ? message.message.to : message.message.from;
            const reading = viewingConversation(other) && message.message.from !== me;
            const unread = reading ? 0 : message.unread;
            patchSlice(set, 'messages', (m) => {
              const rest = (m.conversations ?? []).filter((c) => c.player.id !== other);
              return {
                conversations: [{ player: message.player, unread, last: message.message }, ...rest],
                history: m.history[other] ? { ...m.history, [other]: byId(m.history[other], message.message) } : m.history,
              };
            });
            if (reading) void backend.markRead(other).catch(() => undefined);
            return;
          }
          case 'dm.read':
            patchSlice(set, 'messages', (m) => ({
              conversations: m.conversations?.map((c) => (c.player.id === message.playerId ? { ...c, unread: 0 } : c)) ?? null,
            }));
            return;
        }
      },
    };
  };
