//! The TypeScript the bindings are typed with, written once by hand. Field names are the
//! serde (camelCase) names of the Rust types they mirror.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Headers as an object or as [name, value] pairs; responses always use an object. */
export type HeadersInit = Record<string, string> | [string, string][];

/** The IO a host supplies. Every method may return a value or a promise of one; a throw
 * (or rejection) is an error. KV keys match [a-zA-Z0-9:._\s\-#]{1,500}; values are strings
 * of at most 240 KiB; lists return at most `limit` (<= 20) entries. */
export interface UsersyncHost {
  /** Send the request as given (no redirects). Resolve with any status; throw only when no
   * response came (`{timeout: true}` / TimeoutError for a time-out, `{refused: true}`). */
  fetch(request: HttpRequest): Promise<HttpResponse> | HttpResponse;
  kvGet(key: string): Promise<string | null | undefined> | string | null | undefined;
  kvSet(key: string, value: string): Promise<void> | void;
  /** Write only if absent; true if written, false if the key existed (FAIL_IF_EXISTS). */
  kvCreate(key: string, value: string): Promise<boolean> | boolean;
  kvDelete(key: string): Promise<void> | void;
  kvList(prefix: string, cursor: string | null | undefined, limit: number): Promise<KvPage> | KvPage;
  /** Apply every write or none (at most 25, each key once): Forge `kvs.transact`, an SQL transaction. */
  kvTransact(writes: KvWrite[]): Promise<void> | void;
  getSecret(name: string): Promise<string | null | undefined> | string | null | undefined;
  setSecret(name: string, value: string): Promise<void> | void;
  /** Remove a secret; a missing one is not an error. */
  deleteSecret(name: string): Promise<void> | void;
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** One event: a JSON object as text. */
  log(level: "debug" | "info" | "warn" | "error", event: string): void;
}

export interface HttpRequest { method: "GET" | "POST" | "PUT" | "DELETE"; url: string; headers: Record<string, string>; body: string | null }
export interface HttpResponse { status: number; headers?: HeadersInit; body?: string }
export type KvWrite = { op: "set"; key: string; value: string } | { op: "delete"; key: string };
export interface KvPage { entries: [string, string][] | { key: string; value: string }[]; cursor?: string | null }

/** A SCIM request as it arrived, minus the host's mount prefix: path `/{connId}/v2/Users`.
 * For `dryRun(id, request)` the path is relative to the connection's base: `/Users`. */
export interface ScimRequest {
  method: string;
  path: string;
  query?: string;
  headers?: HeadersInit;
  body?: string | null;
  /** Public URL of the mount, e.g. "https://example.com/scim", for Location headers. */
  baseUrl?: string;
  /** Time the request may spend draining queued Jira work after answering (ms). */
  drainBudgetMs?: number;
  /** false when the installation's licence is not active: the core answers 403 in the
   * connection's dialect (after authenticating), stores and sends nothing. Absent: licensed. */
  licensed?: boolean;
}

export interface ScimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Only for `X-Usersync-Dry-Run: true`: the work the request would have caused. */
  dryRun?: { tasks: Task[]; jiraCalls: PlannedCall[]; outcomes: string[]; writes: number };
}

export type IdpKind = "okta" | "entra" | "onelogin" | "jumpcloud" | "google" | "keycloak" | "miniorange" | "generic";
export type ScimVersion = "2.0" | "1.1";
export type SyncMode = "user" | "customer";

export interface GroupMapping { idpGroup: string; jiraGroups?: string[]; serviceDesks?: string[] }
export interface Policies {
  importUsers?: boolean;
  importGroups?: boolean;
  deactivation?: "suspend" | "removeProductAccess" | "nothing";
  rename?: "recreate" | "keepOldName";
  groupDelete?: "delete" | "keep";
  groupMappings?: GroupMapping[];
  displayName?: "displayName" | "givenFamily" | "userName";
  products?: string[];
  /** The groups "removeProductAccess" leaves and rejoins; null: the conventional names for `products`. */
  productAccessGroups?: string[] | null;
}

export interface NewConnection { name: string; idp?: IdpKind; scim?: ScimVersion; mode?: SyncMode; policies?: Policies }
export interface ConnectionUpdate { name?: string; idp?: IdpKind; scim?: ScimVersion; mode?: SyncMode; policies?: Policies }
export interface Connection { id: string; name: string; idp: IdpKind; scim: ScimVersion; mode: SyncMode; basePath: string; policies: Required<Policies> }
/** `token` is shown this once; only its hash is stored. */
export interface CreatedConnection { connection: Connection; token: string }

export interface JiraSettingsInput {
  siteUrl: string;
  adminEmail: string;
  /** Omit to keep the stored token. */
  apiToken?: string;
  products?: string[];
  orgId?: string;
  directoryId?: string;
  /** Omit to keep the stored key; "" clears it. */
  orgApiKey?: string;
}
export interface JiraSettings {
  siteUrl: string; adminEmail: string; products: string[]; orgId: string | null; directoryId: string | null;
  hasApiToken: boolean; hasOrgKey: boolean; orgAccess: boolean;
}

/** Who a connection's Jira credentials sign in as (`testJira`). */
export interface JiraIdentity { siteUrl: string; accountId: string; displayName: string | null; emailAddress: string | null; accountType: string | null }
export interface JiraGroup { name: string; groupId: string }
export interface ServiceDesk { id: string; projectId: string | null; projectKey: string | null; projectName: string | null }
/** A listing read from Jira; `truncated` when Jira had more than it holds (1000 items). */
export interface JiraList<T> { items: T[]; truncated: boolean }

export type Task = { task: string; conn: string; [field: string]: unknown };
/** A Jira call a dry run found: the task (`syncUser`, `u:{id}`), `METHOD /path`, and the operation. */
export interface PlannedCall { task: string; subject: string; call: string; op: { op: string; [field: string]: unknown } }
export interface QueueItem { id: string; task: Task; enqueuedAt: number; seq: number; attempts: number; notBefore: number; lastError?: string; origin?: string }
export interface DeadLetter { id: string; item: Omit<QueueItem, "id">; error: string; failedAt: number }
export interface Listing<T> { entries: T[]; nextCursor: string | null }
export interface DrainReport {
  done: number; parked: number; retried: number; deadLettered: number; busy: number; jiraCalls: number;
  pending: number; nextDue: number | null; outOfTime: boolean; paused: string[]; unreadable: number;
}
export type Drift = { kind: string; [field: string]: unknown };
export interface ReconcileResult {
  conn: string; usersChecked: number; groupsChecked: number; mappedGroupsChecked: number; desksChecked: number; jiraCalls: number;
  drift: Drift[]; complete: boolean; stopped: string | null; repaired: number;
}
export interface AuditFilter { conn?: string; since?: number; status?: string; before?: string }
export interface AuditEntry { id: string; at: number; conn: string; kind: "scim" | "jira"; [field: string]: unknown }
export interface AuditPage { entries: AuditEntry[]; nextBefore: string | null }
"#;
