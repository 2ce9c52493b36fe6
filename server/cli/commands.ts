/**
 * What the operator CLI does, as small functions over a Store (parsing of argv lives in run.ts).
 * They validate with the same zod pieces as the HTTP API, so a member created here could have
 * been created through the app, and they never return or print password hashes.
 */
import { z } from 'zod';
import { SetupRequest } from '../../shared/api';
import { ROLES, type Role } from '../../shared/permissions';
import { hashPassword } from '../auth/passwords';
import { newId } from '../ids';
import { EmailTakenError, type MemberRow, type Store, type WorkspaceRow } from '../store/Store';

/** Bad input from the operator: printed on stderr, exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
}

// The API's own field validators, so the CLI cannot accept an email or password the app would refuse.
const AddMemberInput = z.strictObject({
  email: SetupRequest.shape.email,
  name: SetupRequest.shape.name.optional(),
  password: SetupRequest.shape.password.optional(),
  collective: SetupRequest.shape.workspaceName,
  role: z.enum(ROLES),
});

/** Raw `member add` options, as strings from the command line. */
export type AddMemberOptions = Partial<Record<keyof z.input<typeof AddMemberInput>, string>>;

/** What `member add` did. Holds no password hash by construction. */
export interface AddMemberResult {
  member: { id: string; email: string; name: string };
  collective: { id: string; name: string };
  role: Role;
  /** Role before this command, or null if the member was not in the collective. */
  previousRole: Role | null;
  createdMember: boolean;
  createdCollective: boolean;
  /** Things the operator should know (printed as warnings). */
  notes: string[];
}

/** Parses options with a zod schema; the first problem becomes a CliError naming the option. */
function parseOptions<S extends z.ZodType>(schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path.length > 0 ? `--${String(issue.path[0])}` : 'options';
  throw new CliError(`${option}: ${issue.message}`);
}

/**
 * Creates the member if the email is new, the collective if no collective has that name, and sets
 * the member's role there. Refuses to demote a collective's last coordinator.
 */
export async function addMember(store: Store, options: AddMemberOptions, now: Date = new Date()): Promise<AddMemberResult> {
  const input = parseOptions(AddMemberInput, options);
  const at = now.toISOString();
  const notes: string[] = [];
  const existing = await store.getMemberByEmail(input.email);
  if (!existing && (input.name === undefined || input.password === undefined)) {
    throw new CliError(`${input.email} is not a member yet: --name and --password are required`);
  }
  if (existing && (input.name !== undefined || input.password !== undefined)) {
    notes.push(`${input.email} is already a member: --name and --password were not applied`);
  }
  let collective = await store.getWorkspaceByName(input.collective);
  const previousRole = collective && existing ? await store.getRole(collective.id, existing.id) : null;
  if (collective && previousRole === 'coordinator' && input.role !== 'coordinator') {
    await refuseLastCoordinator(store, collective);
  }
  const member = existing ?? (await createMember(store, input.email, input.name!, input.password!, at));
  const createdCollective = collective === null;
  if (collective === null) {
    collective = { id: newId(), name: input.collective, createdAt: at };
    await store.createWorkspace(collective);
    if (input.role !== 'coordinator') notes.push(`collective "${collective.name}" was created without a coordinator`);
  }
  await store.setMembership(collective.id, member.id, input.role, at);
  return {
    member: { id: member.id, email: member.email, name: member.name },
    collective: { id: collective.id, name: collective.name },
    role: input.role,
    previousRole,
    createdMember: existing === null,
    createdCollective,
    notes,
  };
}

/** A collective without a coordinator can no longer invite or manage anyone. */
async function refuseLastCoordinator(store: Store, collective: WorkspaceRow): Promise<void> {
  const coordinators = (await store.listMemberships(collective.id)).filter((m) => m.role === 'coordinator');
  if (coordinators.length <= 1) {
    throw new CliError(`refusing to demote the last coordinator of "${collective.name}": add another coordinator first`);
  }
}

async function createMember(store: Store, email: string, name: string, password: string, at: string): Promise<MemberRow> {
  const member: MemberRow = { id: newId(), email, name, passwordHash: await hashPassword(password), createdAt: at };
  try {
    await store.createMember(member);
  } catch (err) {
    // Someone registered the same email between our lookup and this insert (e.g. through the app).
    if (err instanceof EmailTakenError) throw new CliError(`${email} was registered meanwhile; run the command again`);
    throw err;
  }
  return member;
}

/** One line of `member list`. */
export interface MemberListRow {
  email: string;
  name: string;
  /** `Collective:role` pairs, by collective name. */
  collectives: string;
}

/** Members of the installation, or of one collective, each with all their collectives and roles. */
export async function listMembers(store: Store, collectiveName?: string): Promise<MemberListRow[]> {
  let members: MemberRow[];
  if (collectiveName === undefined) {
    members = await store.listMembers();
  } else {
    const collective = await store.getWorkspaceByName(collectiveName);
    if (!collective) throw new CliError(`no collective is named "${collectiveName}"`);
    members = (await store.listMemberships(collective.id)).map((m) => m.member);
  }
  const rows: MemberListRow[] = [];
  for (const member of members) {
    const memberships = await store.listWorkspacesOf(member.id);
    const collectives = memberships.map(({ workspace, role }) => `${workspace.name}:${role}`).join(', ');
    rows.push({ email: member.email, name: member.name, collectives });
  }
  return rows;
}

/** One line of `collective list`. */
export interface CollectiveListRow {
  name: string;
  id: string;
  members: number;
  coordinators: number;
  createdAt: string;
}

/** Every collective with its head count, by name. */
export async function listCollectives(store: Store): Promise<CollectiveListRow[]> {
  const rows: CollectiveListRow[] = [];
  for (const workspace of await store.listWorkspaces()) {
    const memberships = await store.listMemberships(workspace.id);
    const coordinators = memberships.filter((m) => m.role === 'coordinator').length;
    rows.push({ name: workspace.name, id: workspace.id, members: memberships.length, coordinators, createdAt: workspace.createdAt });
  }
  return rows;
}

/** Lays rows out in aligned columns under a header line; `(none)` when there are no rows. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return `${headers.join('  ')}\n(none)`;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
