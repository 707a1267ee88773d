/**
 * Files a checkpoint never commits even when git does not ignore them: environment files,
 * private keys, keystores and credential files. Matched on the file name, case-insensitively.
 */
const SECRET_NAMES: RegExp[] = [
  /^\.env$/,
  /^\.env\.(?!example$|sample$|template$|dist$).+$/,
  /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|gpg|asc)$/,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
  /^credentials.*\.json$/,
  /^(client_secret|service[-_]account).*\.json$/,
  /^\.(npmrc|netrc|pypirc|pgpass|htpasswd)$/,
  /^secrets?\.(ya?ml|json|toml|env)$/,
];

export function looksLikeSecret(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return SECRET_NAMES.some((re) => re.test(name));
}
