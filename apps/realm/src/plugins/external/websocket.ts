/** WebSocket upgrades for the event socket: small frames, and only our subprotocol is ever selected (events/socket-auth.ts). */
import websocket, { type WebsocketPluginOptions } from '@fastify/websocket';
import { selectProtocol } from '../../events/socket-auth.js';

export const autoConfig: WebsocketPluginOptions = { options: { maxPayload: 16 * 1024, handleProtocols: selectProtocol } };

export default websocket;
