// The bench's HTTP client for a running stack: JSON calls with a bearer token, and demo sign-in.

/** @param {string} apiUrl */
export function apiClient(apiUrl) {
  async function http(method, path, token, body) {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(payload)}`);
    return payload;
  }
  const loginAs = async (email) => http('POST', '/api/auth/login', undefined, { email, password: 'demo-password' });
  return { http, loginAs };
}
