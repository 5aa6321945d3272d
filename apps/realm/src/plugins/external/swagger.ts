/** The OpenAPI document (served at /openapi.json by routes/ops), built from every route's schema. */
import swagger, { type SwaggerOptions } from '@fastify/swagger';

export const autoConfig: SwaggerOptions = {
  openapi: {
    openapi: '3.0.3',
    info: {
      title: 'Glaceon Realm',
      version: '1.0.0',
      description: 'Accounts, sessions, friends, presence, lobbies and invites. Event socket: GET /v1/events (WebSocket).',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  },
};

export default swagger;
