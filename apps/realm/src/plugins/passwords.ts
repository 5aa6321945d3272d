/** `app.passwords`: Argon2id hashing behind one bounded queue per Realm process (accounts/password.ts). */
import fp from 'fastify-plugin';
import { Passwords } from '../accounts/password.js';

declare module 'fastify' {
  interface FastifyInstance {
    passwords: Passwords;
  }
}

export default fp(
  async (app) => {
    app.decorate('passwords', new Passwords(app.config.passwordHashing));
  },
  { name: 'realm-passwords', dependencies: ['realm-config'] },
);
