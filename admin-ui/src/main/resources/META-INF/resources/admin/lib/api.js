// The REST API client. Credentials (HTTP Basic, or a single sign-on's bearer token) live in sessionStorage: this tab only, gone when it
// closes. Every call is marked XMLHttpRequest so a 401 does not pop up the browser's own dialog.
// Errors are RFC 9457 problems; ApiError carries the status, the readable detail and the field errors.
// Every call says the user's language (Accept-Language), so the sentences the service writes (reasons, warnings'
// messages, near misses) come in it.

import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    /** [{field, message}] for invalid input. */
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
  }
}

let onUnauthorized = () => {};

/** What to do when the API answers 401 in the middle of a session (the shell signs out). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export function setCredentials(username, password) {
  sessionStorage.setItem('auth', 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`))));
}

/** Signs every call in with an access token of the company's identity provider (lib/sso.js). */
export function setBearer(token) {
  sessionStorage.setItem('auth', 'Bearer ' + token);
}

export function hasCredentials() {
  return sessionStorage.getItem('auth') !== null;
}

export function clearCredentials() {
  sessionStorage.removeItem('auth');
}

/**
 * Calls the API: api('GET', '/api/v1/warnings', null, {status: 'OPEN'}). Returns the parsed JSON
 * (null for an empty answer) or throws ApiError. Query values that are null, undefined or '' are left out. A body
 * that is a file (a Blob) is sent as it is, with its own type; any other body as JSON.
 */
export async function api(method, path, body, query) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json, application/problem+json',
    'Accept-Language': language() };
  const auth = sessionStorage.getItem('auth');
  if (auth) headers.Authorization = auth;
  const raw = body instanceof Blob;
  if (body !== undefined && body !== null) headers['Content-Type'] = raw ? (body.type || 'application/octet-stream') : 'application/json';
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== null && value !== undefined && value !== '') params.append(key, value);
    }
    const text = params.toString();
    if (text) url += (url.includes('?') ? '&' : '?') + text;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined || body === null ? undefined : raw ? body : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: e.message });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch (e) { json = { detail: text.slice(0, 200) }; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json || { title: response.statusText });
    if (response.status === 401 && auth) onUnauthorized(error);
    throw error;
  }
  return json;
}

/**
 * Downloads an API answer as a file: download('/api/v1/due-lists/2027-01', {kind: 'RENEWAL'}, 'text/csv',
 * 'due-list-2027-01.csv'). Errors are thrown as by api().
 */
export async function download(path, query, accept, filename) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', 'Accept': `${accept}, application/problem+json`,
    'Accept-Language': language() };
  const auth = sessionStorage.getItem('auth');
  if (auth) headers.Authorization = auth;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== '') params.append(key, value);
  }
  const url = params.toString() ? `${path}?${params}` : path;
  let response;
  try {
    response = await fetch(url, { headers });
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: e.message });
  }
  if (!response.ok) {
    let json = null;
    try { json = JSON.parse(await response.text()); } catch (e) { json = { title: response.statusText }; }
    throw new ApiError(response.status, json);
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
