/** The typed Realm client: HTTP (RealmClient) and the event socket (RealmEvents). Browser-safe. */
export * from './errors.js';
export * from './http.js';
export * from './events.js';
