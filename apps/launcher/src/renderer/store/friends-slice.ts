import { describeError } from '../net/errors.js';
import { patchSlice } from './patch.js';
import type { FriendsSlice, SliceCreator } from './types.js';
import { t } from '../strings.js';

export const initialFriends: FriendsSlice['friends'] = {
  view: null,
  invites: [],
  adding: false,
  addError: null,
  addNotice: null,
  busy: [],
  error: null,
  asked: [],
  askNotice: null,
};

const NAME = /^[A-Za-z0-9_.-]{3,20}$/;

export const createFriendsSlice: SliceCreator<FriendsSlice> =
  ({ backend }) =>
  (set, get) => {
    /** Runs one request with the id marked busy; the server pushes the new friends view afterwards. */
    async function withBusy(id: string, run: () => Promise<void>) {
      if (get().friends.busy.includes(id)) return;
      patchSlice(set, 'friends', (f) => ({ busy: [...f.busy, id], error: null }));
      try {
        await run();
      } catch (error) {
        patchSlice(set, 'friends', { error: describeError(error) });
      } finally {
        patchSlice(set, 'friends', (f) => ({ busy: f.busy.filter((b) => b !== id) }));
      }
    }

    return {
      friends: initialFriends,
      async addFriend(rawName) {
        const name = rawName.trim();
        if (!NAME.test(name)) {
          patchSlice(set, 'friends', { addError: t.friends.nameRule, addNotice: null });
          return;
        }
        if (name.toLowerCase() === get().session.me?.name.toLowerCase()) {
          patchSlice(set, 'friends', { addError: t.friends.thatIsYou, addNotice: null });
          return;
        }
        patchSlice(set, 'friends', { adding: true, addError: null, addNotice: null });
        try {
          const res = await backend.requestFriend(name);
          patchSlice(set, 'friends', {
            adding: false,
            addNotice: res.status === 'friends' ? t.friends.nowFriends(res.player.name) : t.friends.requestSent(res.player.name),
          });
        } catch (error) {
          patchSlice(set, 'friends', { adding: false, addError: describeError(error) });
        }
      },
      clearFriendNotice() {
        patchSlice(set, 'friends', { addNotice: null });
      },
      answerFriend(playerId, action) {
        return withBusy(playerId, async () => {
          if (action === 'accept') await backend.acceptFriend(playerId);
          else if (action === 'decline') await backend.declineFriend(playerId);
          else if (action === 'cancel') await backend.cancelFriend(playerId);
          else await backend.removeFriend(playerId);
        });
      },
      askToJoin(friendId) {
        return withBusy(friendId, async () => {
          await backend.askToJoin(friendId);
          const name = get().friends.view?.friends.find((f) => f.id === friendId)?.name ?? friendId;
          patchSlice(set, 'friends', (f) => ({ asked: [...new Set([...f.asked, friendId])], askNotice: t.friends.askSent(name) }));
        });
      },
      clearAskNotice() {
        patchSlice(set, 'friends', { askNotice: null });
      },
      answerInvite(inviteId, accept) {
        return withBusy(inviteId, async () => {
          if (accept) {
            // Realm allows one lobby per player: accepting means leaving the current one.
            const current = get().lobby.current;
            if (current) await backend.leaveLobby(current.id);
            const joined = await backend.acceptInvite(inviteId);
            get().applyLobby(joined.lobby, joined.coralUrl);
          } else {
            await backend.declineInvite(inviteId);
          }
          patchSlice(set, 'friends', (f) => ({ invites: f.invites.filter((i) => i.id !== inviteId) }));
        });
      },
    };
  };
