/**
 * One error-code table for HTTP, sockets and Lua scripts. Each code names its
 * HTTP status once; the socket close code is derived (4000 + status) so the
 * two can never disagree.
 */
export const ErrorCode = {
  // Input and protocol
  BAD_JSON: { status: 400, message: 'The message is not valid JSON.' },
  UNKNOWN_TYPE: { status: 400, message: 'Unknown message type.' },
  INVALID_MESSAGE: { status: 400, message: 'The message does not match its schema.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The message is too large.' },
  INCOMPATIBLE_VERSION: { status: 426, message: 'Incompatible protocol version.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down.' },
  // Authentication and authorisation
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong display name or password.' },
  FORBIDDEN: { status: 403, message: 'Not allowed.' },
  NOT_HOST: { status: 403, message: 'Only the lobby host can do that.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  // Accounts and friends
  NAME_TAKEN: { status: 409, message: 'That display name is taken.' },
  ALREADY_FRIENDS: { status: 409, message: 'You are already friends.' },
  REQUEST_EXISTS: { status: 409, message: 'A friend request is already pending.' },
  BLOCKED: { status: 403, message: 'This player cannot be reached.' },
  // Lobbies and invites
  ALREADY_IN_LOBBY: { status: 409, message: 'You are already in a lobby.' },
  NOT_IN_LOBBY: { status: 409, message: 'You are not in that lobby.' },
  LOBBY_FULL: { status: 409, message: 'The lobby is full.' },
  LOBBY_NOT_IDLE: { status: 409, message: 'The lobby is busy (queued or in a match); try again when it is idle.' },
  INVITE_INVALID: { status: 404, message: 'This invite is not valid.' },
  INVITE_EXPIRED: { status: 410, message: 'This invite has expired.' },
  INVITE_REVOKED: { status: 410, message: 'This invite was revoked.' },
  INVITE_USED_UP: { status: 410, message: 'This invite has been used up.' },
  // Matchmaking
  WRONG_STATE: { status: 409, message: 'That is not possible in the current state.' },
  PARTY_TOO_LARGE: { status: 409, message: 'The party is too large for this mode.' },
  UNKNOWN_QUEUE: { status: 400, message: 'There is no such queue.' },
  QUEUE_CLOSED: { status: 409, message: 'This queue is closed; pick another one.' },
  STALE_EPOCH: { status: 409, message: 'The matchmaker lease was lost.' },
  NO_SERVER_AVAILABLE: { status: 503, message: 'No game server is available right now.' },
  // Tickets
  TICKET_INVALID: { status: 401, message: 'The join ticket is not valid.' },
  TICKET_EXPIRED: { status: 401, message: 'The join ticket has expired.' },
  TICKET_USED: { status: 409, message: 'The join ticket was already used.' },
  // Server side
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable.' },
  BUSY: { status: 503, message: 'Busy right now; retry in a moment.' },
  /**
   * This instance holds all the sockets it may (its cap below the file-descriptor limit).
   * 421 Misdirected Request, so the close code is 4421: connect again through the load
   * balancer, which picks another instance. Not the client's fault and not fatal.
   */
  INSTANCE_FULL: { status: 421, message: 'This server is full; connect again through the load balancer to reach another one.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCode;
export const ERROR_CODES = Object.keys(ErrorCode) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return ErrorCode[code].status;
}

/**
 * The first application close code (RFC 6455 §7.4.2). An error's close code
 * is this plus its HTTP status; a peer that gives up on a connection for no
 * error of this table (a handshake or liveness timeout) closes with the base.
 */
export const CLOSE_CODE_BASE = 4000;

/** Socket close code for an error that ends a connection: 4000 + HTTP status. */
export function closeCodeOf(code: ErrorCode): number {
  return CLOSE_CODE_BASE + ErrorCode[code].status;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCode, value);
}

/** The body of every error: HTTP error bodies and socket `error` messages share it. */
export interface ProtocolErrorBody {
  code: ErrorCode;
  message: string;
  /** Where in the input the problem is (JSON pointer), when known. */
  path?: string;
}

/** A typed error that code can throw across layers; edges turn it into a body. */
export class GlaceonError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;
  constructor(code: ErrorCode, message?: string, path?: string) {
    super(message ?? ErrorCode[code].message);
    this.name = 'GlaceonError';
    this.code = code;
    this.path = path;
  }
  /**
   * An expected refusal (load shedding, a full line): no stack trace. Capturing one cost
   * ~80 us per refusal in Coral's entry gate, thousands of times a second exactly when
   * Coral is past capacity (coral-perf-004).
   */
  static refusal(code: ErrorCode, message?: string, path?: string): GlaceonError {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return new GlaceonError(code, message, path);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
  get status(): number {
    return httpStatusOf(this.code);
  }
  toBody(): ProtocolErrorBody {
    return this.path === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, path: this.path };
  }
}

export function errorBody(code: ErrorCode, message?: string, path?: string): ProtocolErrorBody {
  return new GlaceonError(code, message, path).toBody();
}
