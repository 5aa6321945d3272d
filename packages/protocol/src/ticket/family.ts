import { defineFamily } from '../common/families.js';
import { newId } from '../common/ids.js';
import { JoinTicketPayloadSchema, type JoinTicketPayload } from './payload.js';

const sample: JoinTicketPayload = {
  v: 1,
  jti: newId('jt_'),
  gid: newId('g_'),
  pid: newId('p_'),
  sid: newId('ms_'),
  iat: 1_700_000_000_000,
  exp: 1_700_000_600_000,
};

export const ticketFamilies = [defineFamily({ name: 'ticket.payload', tagged: false, schemas: [JoinTicketPayloadSchema], samples: [sample] })];
