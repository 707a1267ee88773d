/**
 * Files a checkpoint never commits even when git does not ignore them: environment files,
 * private keys, keystores, credential and state files. Matched case-insensitively on the file
 * name, or on the folder for tools that keep credentials in one (`.ssh/`, `.aws/`, `.docker/`).
 */
const SECRET_NAMES: RegExp[] = [
  /^\.env$/,
  /^\.env\.(?!example$|sample$|template$|dist$).+$/,
  /^[^.].*\.env$/,
  /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|gpg|asc|tfstate|tfstate\.backup)$/,
  /^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$/,
  /^credentials.*\.json$/,
  /^(client_secret|service[-_]account).*\.json$/,
  /^\.(npmrc|netrc|pypirc|pgpass|htpasswd|git-credentials)$/,
  /^secrets?\.(ya?ml|json|toml|env)$/,
];
const SECRET_FOLDERS = /(^|\/)(\.ssh|\.aws|\.docker|\.gnupg)\//;

export function looksLikeSecret(path: string): boolean {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf("/") + 1);
  return SECRET_FOLDERS.test(lower) || SECRET_NAMES.some((re) => re.test(name));
}
