/**
 * `POST /graphql`: every document is parsed and validated against GitHub's published schema
 * (@octokit/graphql-schema) before it runs; a document that does not validate is a violation, as a
 * REST request outside the OpenAPI description is. What runs is the part of the schema the adapters
 * use: repository refs and objects, a commit's files, and `createCommitOnBranch`.
 * https://docs.github.com/graphql/reference/mutations#createcommitonbranch
 */
import { schema as published } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  execute,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { Reply } from "./context.js";
import { flattenTree, buildTree, lookupPath, writeBlob, writeCommit, type FlatTree } from "./git-objects.js";
import { findCommit } from "./git-resolve.js";
import { roleOf } from "./permissions.js";
import { iso, repoKey, type RepoState, type Role, type User, type World } from "./state.js";

let cached: GraphQLSchema | undefined;
const githubSchema = () => (cached ??= buildClientSchema(published.json as never));

export interface GraphqlRequest {
  /** `graphql/<mutation field>` for a mutation, `graphql/query` for a query. */
  operation: string;
  write: boolean;
  /** Set when the document is not valid against GitHub's schema. */
  violation?: string;
  document?: DocumentNode;
  variables: Record<string, unknown>;
}

/** Parses and validates the body; names the operation for the request log. */
export function checkGraphql(body: unknown): GraphqlRequest {
  const b = (body ?? {}) as { query?: unknown; variables?: unknown };
  const variables = (b.variables ?? {}) as Record<string, unknown>;
  if (typeof b.query !== "string") return { operation: "graphql", write: false, variables, violation: "no query" };
  let document: DocumentNode;
  try {
    document = parse(b.query);
  } catch (error) {
    return { operation: "graphql", write: false, variables, violation: `graphql: ${(error as Error).message}` };
  }
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const mutation = op?.operation === "mutation";
  const first = op?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  const operation = mutation && first?.kind === Kind.FIELD ? `graphql/${first.name.value}` : "graphql/query";
  const errors = validate(githubSchema(), document);
  if (errors.length)
    return { operation, write: mutation, variables, violation: `graphql: ${errors.map((e) => e.message).join("; ")}` };
  return { operation, write: mutation, variables, document };
}

/** Runs a validated document against the fake's state: GitHub's shape, `{ data, errors? }` with 200. */
export async function runGraphql(world: World, actor: User, request: GraphqlRequest): Promise<Reply> {
  const result = await execute({
    schema: githubSchema(),
    document: request.document!,
    variableValues: request.variables,
    rootValue: {
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = world.repos.get(repoKey(owner, name));
        return repo ? repositoryNode(world, repo) : null;
      },
      createCommitOnBranch: ({ input }: { input: CommitInput }) => createCommitOnBranch(world, actor, input),
    },
  });
  const errors = result.errors?.map((e) => ({
    type: (e.originalError as { type?: string } | undefined)?.type ?? "UNPROCESSABLE",
    path: e.path,
    message: e.message,
  }));
  return { status: 200, body: { data: result.data ?? null, ...(errors && { errors }) } };
}

class GraphqlFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function repositoryNode(world: World, repo: RepoState) {
  return {
    __typename: "Repository",
    nameWithOwner: `${repo.owner}/${repo.name}`,
    collaborators: (args: { login?: string; query?: string; first?: number; last?: number }) =>
      collaboratorsOf(world, repo, args),
    ref: ({ qualifiedName }: { qualifiedName: string }) => {
      const name = qualifiedName.startsWith("refs/") ? qualifiedName : `refs/heads/${qualifiedName}`;
      const sha = repo.refs.get(name);
      return sha ? refNode(repo, name, sha) : null;
    },
    object: ({ oid, expression }: { oid?: string; expression?: string }) => {
      if (oid) return objectNode(repo, oid.toLowerCase(), "");
      const [rev, ...rest] = (expression ?? "").split(":");
      const commit = findCommit(repo, rev ?? "");
      if (!commit) return null;
      if (!rest.length) return commitNode(repo, commit.sha);
      const entry = lookupPath(repo.objects, commit.tree, rest.join(":"));
      return entry ? objectNode(repo, entry.sha, rest.join(":")) : null;
    },
  };
}

const GRAPHQL_ROLES: Record<Exclude<Role, "none">, string> = {
  admin: "ADMIN",
  maintain: "MAINTAIN",
  write: "WRITE",
  triage: "TRIAGE",
  read: "READ",
};

/**
 * `Repository.collaborators`: the users with any access, each with their role; `login` picks one
 * exactly (`query` is GitHub's fuzzy search, which a permission check must not use). GitHub refuses
 * a connection without `first` or `last`.
 * https://docs.github.com/graphql/reference/objects#repositorycollaboratorconnection
 */
function collaboratorsOf(
  world: World,
  repo: RepoState,
  args: { login?: string; query?: string; first?: number; last?: number },
) {
  if (repo.forbiddenFields?.has("collaborators"))
    throw new GraphqlFailure("FORBIDDEN", "Must have push access to view repository collaborators.");
  if (args.first === undefined && args.last === undefined)
    throw new GraphqlFailure(
      "MISSING_PAGINATION_BOUNDARIES",
      "You must provide a `first` or `last` value to properly paginate the `collaborators` connection.",
    );
  const logins = new Set([repo.owner.toLowerCase(), ...repo.permissions.keys()]);
  const users = [...logins]
    .map((login) => world.users.get(login))
    .filter((user): user is User => user !== undefined && roleOf(repo, user.login) !== "none")
    .filter((user) => args.login === undefined || user.login.toLowerCase() === args.login.toLowerCase())
    .filter((user) => args.query === undefined || user.login.toLowerCase().includes(args.query.toLowerCase()));
  const page = users.slice(0, args.first ?? args.last);
  const edges = page.map((user) => ({
    cursor: user.login,
    permission: GRAPHQL_ROLES[roleOf(repo, user.login) as Exclude<Role, "none">],
    node: { __typename: "User", login: user.login, databaseId: user.id },
  }));
  return { totalCount: users.length, edges, nodes: edges.map((e) => e.node) };
}

function refNode(repo: RepoState, name: string, sha: string) {
  const slash = name.lastIndexOf("/", name.startsWith("refs/heads/") ? 10 : name.length);
  return {
    __typename: "Ref",
    name: name.slice(slash + 1),
    prefix: name.slice(0, slash + 1),
    target: commitNode(repo, sha),
  };
}

function objectNode(repo: RepoState, sha: string, path: string): Record<string, unknown> | null {
  const obj = repo.objects.get(sha);
  if (!obj) return null;
  if (obj.type === "commit") return commitNode(repo, sha);
  if (obj.type === "tree")
    return {
      __typename: "Tree",
      oid: sha,
      abbreviatedOid: sha.slice(0, 7),
      // A folder's listing, as GitHub gives it (`type` is "blob", "tree" or "commit").
      entries: obj.entries.map((e) => {
        const child = path ? `${path}/${e.name}` : e.name;
        return {
          __typename: "TreeEntry",
          name: e.name,
          path: child,
          mode: parseInt(e.mode, 8),
          type: e.type,
          oid: e.sha,
          object: () => objectNode(repo, e.sha, child),
        };
      }),
    };
  const binary = obj.content.includes(0);
  return {
    __typename: "Blob",
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    byteSize: obj.content.length,
    isBinary: binary,
    isTruncated: false,
    text: binary ? null : obj.content.toString("utf8"),
    path,
  };
}

function commitNode(repo: RepoState, sha: string) {
  const commit = repo.objects.get(sha);
  if (commit?.type !== "commit") return null;
  return {
    __typename: "Commit",
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    message: commit.message,
    parents: () => ({ totalCount: commit.parents.length, nodes: commit.parents.map((p) => commitNode(repo, p)) }),
    tree: { __typename: "Tree", oid: commit.tree, abbreviatedOid: commit.tree.slice(0, 7) },
    file: ({ path }: { path: string }) => {
      const clean = path.replace(/^\/+|\/+$/g, "");
      const entry = lookupPath(repo.objects, commit.tree, clean);
      if (!entry || !clean) return null;
      return {
        __typename: "TreeEntry",
        name: entry.name,
        path: clean,
        mode: parseInt(entry.mode, 8),
        type: entry.type,
        oid: entry.sha,
        object: objectNode(repo, entry.sha, clean),
      };
    },
  };
}

interface CommitInput {
  branch: { repositoryNameWithOwner?: string; branchName?: string; id?: string };
  expectedHeadOid: string;
  message: { headline: string; body?: string };
  fileChanges?: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] };
}

/**
 * One commit on an existing branch whose head must be `expectedHeadOid` (compare-and-swap): the
 * files given are added or replaced (base64), the ones named deleted; GitHub authors it as the actor.
 */
function createCommitOnBranch(world: World, actor: User, input: CommitInput) {
  const [owner, name] = (input.branch.repositoryNameWithOwner ?? "").split("/");
  const repo = world.repos.get(repoKey(owner ?? "", name ?? ""));
  if (!repo || !input.branch.branchName)
    throw new GraphqlFailure(
      "NOT_FOUND",
      `Could not resolve to a Repository or branch: ${JSON.stringify(input.branch)}`,
    );
  const ref = `refs/heads/${input.branch.branchName}`;
  const head = repo.refs.get(ref);
  if (!head) throw new GraphqlFailure("NOT_FOUND", `A ref named "${ref}" does not exist`);
  if (head !== input.expectedHeadOid.toLowerCase())
    throw new GraphqlFailure(
      "STALE_DATA",
      `Expected branch to point to "${input.expectedHeadOid}" but it did not. Pull and try again. (expectedHeadOid)`,
    );
  const base = repo.objects.get(head);
  if (base?.type !== "commit") throw new GraphqlFailure("UNPROCESSABLE", "the branch head is not a commit");
  const flat: FlatTree = flattenTree(repo.objects, base.tree);
  for (const { path } of input.fileChanges?.deletions ?? []) {
    if (!flat.delete(path))
      throw new GraphqlFailure(
        "UNPROCESSABLE",
        `A path was requested for deletion which does not exist as of commit oid \`${head}\`: ${path}`,
      );
  }
  for (const { path, contents } of input.fileChanges?.additions ?? []) {
    const sha = writeBlob(repo.objects, Buffer.from(contents, "base64"));
    flat.set(path, { mode: flat.get(path)?.mode ?? "100644", type: "blob", sha });
  }
  const signature = {
    name: actor.login,
    email: `${actor.id}+${actor.login}@users.noreply.github.com`,
    date: iso(world),
  };
  const message = input.message.body ? `${input.message.headline}\n\n${input.message.body}` : input.message.headline;
  const sha = writeCommit(repo.objects, {
    tree: buildTree(repo.objects, flat),
    parents: [head],
    message,
    author: signature,
    committer: signature,
  });
  repo.refs.set(ref, sha);
  return { commit: commitNode(repo, sha), ref: refNode(repo, ref, sha) };
}
