/** Any reason a bearer token is not accepted. Always answered 401 with the same challenge. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export const WWW_AUTHENTICATE_INVALID_TOKEN = 'Bearer error="invalid_token"';
