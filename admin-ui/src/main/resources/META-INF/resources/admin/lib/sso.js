// Single sign-on with the company's OpenID Connect provider (DESIGN.md section 14): the admin UI is a public client
// that signs people in with the authorization code flow and PKCE (RFC 7636). The browser goes to the provider's
// sign-in page and comes back to /admin/ with a code, which the UI turns into an access token at the provider's
// token endpoint, proving with the verifier that it asked for the code itself. The token then signs every API call
// (Authorization: Bearer), kept in sessionStorage like HTTP Basic credentials: this tab only, gone when it closes.
// No client secret: a page has nowhere to keep one.

import { setBearer } from './api.js';

const PENDING = 'sso.pending';

export class SignOnError extends Error {}

/** How people may sign in: {password, ldap, oidc: {...} | null}; null when the service does not answer. */
export async function signInOptions() {
  try {
    const response = await fetch('/api/v1/sign-in', { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** Goes to the provider's sign-in page; the UI comes back to finishSignOn with a code. */
export async function startSignOn(oidc) {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const redirectUri = location.origin + location.pathname;
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, redirectUri, clientId: oidc.clientId,
    tokenEndpoint: oidc.tokenEndpoint, hash: location.hash }));
  const url = new URL(oidc.authorizationEndpoint);
  url.search = new URLSearchParams({ response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri,
    scope: oidc.scopes, state, code_challenge: challenge, code_challenge_method: 'S256' }).toString();
  location.assign(url.toString());
}

/**
 * After the provider sent the browser back: turns the code into a token and signs in with it. False when this page
 * was not opened by the provider; throws SignOnError when the provider refused or the answer is not the one asked for.
 */
export async function finishSignOn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  // the code leaves the address bar (and the history) at once; the page the user was on comes back
  history.replaceState(null, '', location.pathname + (pending?.hash || ''));
  if (params.has('error')) throw new SignOnError(params.get('error_description') || params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new SignOnError('state');
  let response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
        redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier })
    });
  } catch (e) {
    throw new SignOnError(e.message);
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) throw new SignOnError(answer.error_description || answer.error || `HTTP ${response.status}`);
  setBearer(answer.access_token);
  return true;
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
