// Error bodies, one shape per API family, as each Atlassian API answers them:
//   platform (/rest/api/3)      {errorMessages: [...], errors: {field: message}}
//   jsm (/rest/servicedeskapi)  {errorMessage, i18nErrorMessage: {i18nKey, parameters}}
//   admin v1 (/admin/v1)        {code, message}
//   admin v2 (/admin/v2)        {errors: [{status, code, title, detail}]}
// Handlers throw HttpError; the pipeline renders it for the route's family in one place.

export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message  human text (errorMessages[0] / errorMessage / detail)
   * @param {{errors?: Record<string,string>, i18nKey?: string, headers?: Record<string,string>}} [extra]
   */
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    this.errors = extra.errors;
    this.i18nKey = extra.i18nKey;
    this.headers = extra.headers;
  }
}

const TITLES = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 412: 'Precondition Failed',
  415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The JSON body for `err` in the given API family. */
export function errorBody(api, err) {
  const { status, message } = err;
  switch (api) {
    case 'jsm':
      return {
        errorMessage: message,
        i18nErrorMessage: { i18nKey: err.i18nKey ?? `sd.api.error.${status}`, parameters: [] },
      };
    case 'admin-v1':
      return { code: status, message };
    case 'admin-v2':
      return {
        errors: [{ status: String(status), code: `ADMIN-${status}`, title: TITLES[status] ?? 'Error', detail: message }],
      };
    default:
      if (err.errors) return { errorMessages: message ? [message] : [], errors: err.errors };
      return { errorMessages: [message], errors: {} };
  }
}

// Messages that several routes share, written once.
export const MSG = {
  unauthenticated: 'Client must be authenticated to access this resource.',
  invalidPayload: 'Invalid request payload. Refer to the REST API documentation and try again.',
  userNotFound: 'Specified user does not exist or you do not have required permissions',
  groupNotFound: (g) => `Specified group does not exist: ${g}`,
  rateLimited: 'Rate limit exceeded.',
  internal: 'Internal server error',
  unavailable: 'Service unavailable, please try again later.',
};
