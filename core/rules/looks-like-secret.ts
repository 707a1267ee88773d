/**
 * Files a checkpoint never commits even when git does not ignore them: environment files,
 * private keys, keystores, credential and state files. Matched case-insensitively on the file
 * name (a backup suffix such as `.bak`, `.old` or `~` removed first), or on the folder for tools
 * that keep credentials in one (`.ssh/`, `.aws/`, `.docker/`, `.kube/`). This is the cheap first
 * filter; the local work tree also checks contents (local/detect-secret-content.ts).
 */
const SECRET_NAMES: Array<[rule: string, pattern: RegExp]> = [
  ["environment file", /^\.env$/],
  ["environment file", /^\.env\.(?!example$|sample$|template$|dist$).+$/],
  ["environment file", /^[^.].*\.env$/],
  ["environment file", /^\.envrc$/],
  ["key or keystore", /\.(pem|key|p8|p12|pfx|jks|keystore|kdbx|ppk|gpg|asc)$/],
  ["kubeconfig", /^kube_?config([-._].*)?$/],
  ["kubeconfig", /\.kubeconfig$/],
  ["terraform state or variables", /\.(tfstate|tfstate\.backup|tfvars|tfvars\.json)$/],
  ["ssh private key", /^id_(rsa|dsa|ecdsa|ed25519)(_sk)?(\.pub)?$/],
  ["credentials file", /^credentials.*\.json$/],
  ["credentials file", /^application_default_credentials\.json$/],
  ["credentials file", /^(client_secret|service[-_]account).*\.json$/],
  ["credentials file", /^[._](npmrc|netrc|pypirc|pgpass|htpasswd|git-credentials)$/],
  ["secrets file", /^secrets?\.(ya?ml|json|toml|env)$/],
];
const SECRET_FOLDERS = /(^|\/)(\.ssh|\.aws|\.docker|\.gnupg|\.kube)\//;
/** `key.pem.old`, `id_rsa.bak`, `.env~`: a copy of a secret is a secret. */
const BACKUP_SUFFIX = /(\.(bak|old|orig|backup|save|swp|tmp)|~)+$/;

/** Why `path` looks like a secret by its name ("ssh private key"…), or undefined. */
export function secretNameRule(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (SECRET_FOLDERS.test(lower)) return "credentials folder";
  const full = lower.slice(lower.lastIndexOf("/") + 1);
  const stripped = full.replace(BACKUP_SUFFIX, "");
  for (const name of new Set([full, stripped])) {
    const found = SECRET_NAMES.find(([, re]) => re.test(name));
    if (found) return found[0];
  }
  return undefined;
}

export function looksLikeSecret(path: string): boolean {
  return secretNameRule(path) !== undefined;
}
