import * as oidcClient from 'openid-client';
import type { Config } from '../../platform/config.js';

export type OidcSettings = NonNullable<Config['oidc']>;

/** What the provider tells us about the person after a successful round trip. */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

// Discovery is only the provider's metadata (endpoints, keys' location): fetched once per process.
// A failed discovery is not kept, so the next sign-in tries again.
const configurations = new Map<string, Promise<oidcClient.Configuration>>();

function configurationOf(oidc: OidcSettings): Promise<oidcClient.Configuration> {
  const key = `${oidc.issuer}\n${oidc.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    // Plain http is refused by openid-client unless asked for: only sensible for a provider on a private network or in tests.
    const execute = new URL(oidc.issuer).protocol === 'http:' ? [oidcClient.allowInsecureRequests] : [];
    // client_secret_basic is the OpenID Connect default for a registered client; without a secret the client is public (PKCE only).
    const auth = oidc.clientSecret ? oidcClient.ClientSecretBasic(oidc.clientSecret) : oidcClient.None();
    found = oidcClient.discovery(new URL(oidc.issuer), oidc.clientId, undefined, auth, { execute, timeout: 10 }).catch((err: unknown) => {
      configurations.delete(key);
      throw err;
    });
    configurations.set(key, found);
  }
  return found;
}

/** Builds the provider's authorization URL with a fresh state, nonce and PKCE verifier. */
export async function authorizationRequest(oidc: OidcSettings, redirectUri: string): Promise<AuthorizationRequest> {
  const config = await configurationOf(oidc);
  const codeVerifier = oidcClient.randomPKCECodeVerifier();
  const state = oidcClient.randomState();
  const nonce = oidcClient.randomNonce();
  const url = oidcClient.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email',
    code_challenge: await oidcClient.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/**
 * Exchanges the authorization code on `callbackUrl` (state, nonce and PKCE checked by openid-client)
 * and returns who signed in. The e-mail comes from the ID token or, when the provider keeps it
 * there (oidc-provider by default, many others), from the userinfo endpoint.
 */
export async function completeAuthorization(oidc: OidcSettings, callbackUrl: URL, flow: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
  const config = await configurationOf(oidc);
  const tokens = await oidcClient.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the provider returned no ID token');
  let email = typeof claims.email === 'string' ? claims.email : null;
  let emailVerified = claims.email_verified === true;
  if (!email && config.serverMetadata().userinfo_endpoint) {
    const info = await oidcClient.fetchUserInfo(config, tokens.access_token, claims.sub);
    email = typeof info.email === 'string' ? info.email : null;
    emailVerified = info.email_verified === true;
  }
  return { subject: claims.sub, email, emailVerified };
}
