// Stands in for @actions/core's OIDC client in the Action's bundle: Phasegate never asks for an
// OIDC token (getIDToken), and the real module pulls an HTTP client and undici into every command's
// start. Calling it says so instead of failing obscurely.
export class OidcClient {
  static getIDToken() {
    throw new Error("phasegate's Action bundle has no OIDC client (getIDToken is not used)");
  }
}
