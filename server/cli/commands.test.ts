import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '../auth/passwords';
import { openSqlStore } from '../store/sql/SqlStore';
import type { Store } from '../store/Store';
import { addMember, CliError, formatTable, listCollectives, listMembers } from './commands';
import { runCli } from './run';

const NOW = new Date('2030-01-01T00:00:00.000Z');
const ada = { email: 'Ada@Example.org', name: 'Ada', password: 'long enough password', collective: 'Atelier', role: 'coordinator' };

let store: Store;
beforeEach(async () => {
  store = await openSqlStore({ engine: 'sqlite', memory: true });
});
afterEach(async () => {
  await store.close();
});

describe('addMember', () => {
  it('creates the member, the collective and the membership', async () => {
    const result = await addMember(store, ada, NOW);
    expect(result).toMatchObject({ role: 'coordinator', previousRole: null, createdMember: true, createdCollective: true, notes: [] });
    expect(JSON.stringify(result)).not.toContain('scrypt');
    const member = (await store.getMemberByEmail('ada@example.org'))!;
    expect(member).toMatchObject({ name: 'Ada', email: 'ada@example.org', createdAt: NOW.toISOString() });
    expect(await verifyPassword('long enough password', member.passwordHash)).toBe(true);
    const collective = (await store.getWorkspaceByName('Atelier'))!;
    expect(await store.getRole(collective.id, member.id)).toBe('coordinator');
  });

  it('adds an existing member to another collective without touching their password', async () => {
    await addMember(store, ada, NOW);
    const before = (await store.getMemberByEmail(ada.email))!;
    const result = await addMember(store, { ...ada, email: 'ada@example.ORG', password: 'another password!', collective: 'Verger', role: 'guest' });
    expect(result).toMatchObject({ createdMember: false, createdCollective: true, role: 'guest' });
    expect(result.notes.join()).toMatch(/not applied/);
    expect(await store.getMemberByEmail(ada.email)).toEqual(before);
    expect(await store.countMembers()).toBe(1);
    expect((await store.listWorkspaces()).map((w) => w.name)).toEqual(['Atelier', 'Verger']);
  });

  it('reuses a collective with that exact name and changes a role', async () => {
    await addMember(store, ada, NOW);
    const bea = { email: 'bea@example.org', name: 'Bea', password: 'long enough password', collective: 'Atelier', role: 'newcomer' };
    await addMember(store, bea);
    const result = await addMember(store, { email: bea.email, collective: 'Atelier', role: 'member' });
    expect(result).toMatchObject({ previousRole: 'newcomer', role: 'member', createdCollective: false });
    expect(await store.listWorkspaces()).toHaveLength(1);
  });

  it('refuses to demote the last coordinator, but not one of two', async () => {
    await addMember(store, ada, NOW);
    await expect(addMember(store, { email: ada.email, collective: 'Atelier', role: 'member' })).rejects.toThrow(/last coordinator/);
    const bea = { email: 'bea@example.org', name: 'Bea', password: 'long enough password', collective: 'Atelier', role: 'coordinator' };
    await addMember(store, bea);
    await expect(addMember(store, { email: ada.email, collective: 'Atelier', role: 'member' })).resolves.toMatchObject({ role: 'member' });
  });

  it.each([
    [{ ...ada, email: 'not-an-email' }, /--email/],
    [{ ...ada, password: 'short' }, /--password: at least 10 characters/],
    [{ ...ada, name: 'x'.repeat(81) }, /--name/],
    [{ ...ada, name: '   ' }, /--name/],
    [{ ...ada, role: 'owner' }, /--role/],
    [{ ...ada, collective: undefined }, /--collective/],
    [{ ...ada, name: undefined }, /--name and --password are required/],
  ])('refuses bad input %#, writing nothing', async (options, message) => {
    const attempt = addMember(store, options);
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toThrow(message);
    expect(await store.countMembers()).toBe(0);
    expect(await store.listWorkspaces()).toEqual([]);
  });
});

describe('listings', () => {
  beforeEach(async () => {
    await addMember(store, ada, NOW);
    await addMember(store, { email: 'zoe@example.org', name: 'Zoé', password: 'long enough password', collective: 'Verger', role: 'coordinator' });
    await addMember(store, { email: ada.email, collective: 'Verger', role: 'guest' });
  });

  it('lists members with all their collectives, optionally of one collective', async () => {
    expect(await listMembers(store)).toEqual([
      { email: 'ada@example.org', name: 'Ada', collectives: 'Atelier:coordinator, Verger:guest' },
      { email: 'zoe@example.org', name: 'Zoé', collectives: 'Verger:coordinator' },
    ]);
    expect((await listMembers(store, 'Atelier')).map((r) => r.email)).toEqual(['ada@example.org']);
    await expect(listMembers(store, 'Nowhere')).rejects.toBeInstanceOf(CliError);
  });

  it('lists collectives with head counts', async () => {
    const rows = await listCollectives(store);
    expect(rows.map(({ name, members, coordinators }) => ({ name, members, coordinators }))).toEqual([
      { name: 'Atelier', members: 1, coordinators: 1 },
      { name: 'Verger', members: 2, coordinators: 1 },
    ]);
  });

  it('formats aligned tables', () => {
    expect(formatTable(['A', 'BB'], [['long', 'x'], ['s', 'y']])).toBe('A     BB\n----  --\nlong  x\ns     y');
    expect(formatTable(['A'], [])).toBe('A\n(none)');
  });
});

describe('runCli', () => {
  function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const close = vi.spyOn(store, 'close').mockResolvedValue();
    const code = runCli(argv, { openStore: async () => store, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW });
    return code.then((exitCode) => ({ exitCode, out: out.join('\n'), err: err.join('\n'), closed: close.mock.calls.length }));
  }

  it('adds a member and prints no password or hash', async () => {
    const r = await run('member', 'add', '--email', ada.email, '--name', 'Ada', '--password', ada.password, '--collective', 'Atelier', '--role', 'coordinator');
    expect(r).toMatchObject({ exitCode: 0, err: '', closed: 1 });
    expect(r.out).toBe('created member ada@example.org: coordinator in new collective "Atelier"');
    const listed = await run('member', 'list');
    expect(listed.out).toContain('ada@example.org  Ada   Atelier:coordinator');
    for (const text of [r.out, listed.out]) expect(text).not.toMatch(/scrypt|long enough/);
  });

  it('lists collectives', async () => {
    await addMember(store, ada, NOW);
    const r = await run('collective', 'list');
    expect(r.exitCode).toBe(0);
    expect(r.out.split('\n')[2]).toMatch(/^Atelier\s+1\s+1\s+2030-01-01T00:00:00.000Z\s+\S+$/);
  });

  it('prints help with exit code 0', async () => {
    for (const argv of [['help'], ['--help'], ['member', 'add', '-h']]) {
      const r = await run(...argv);
      expect(r.exitCode).toBe(0);
      expect(r.out).toContain('member add --email');
    }
  });

  it.each([
    [[], /no command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['member', 'list', '--colective', 'x'], /colective/],
    [['collective', 'list', '--email', 'a@b.c'], /does not take --email/],
    [['member', 'add', '--email'], /--email/],
    [['member', 'add', '--email', 'bad', '--name', 'N', '--password', 'long enough password', '--collective', 'C', '--role', 'member'], /--email/],
    [['member', 'list', '--collective', 'Nowhere'], /Nowhere/],
  ])('exits with 2 and a message on stderr for bad input %#', async (argv, message) => {
    const r = await run(...argv);
    expect(r.exitCode).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('exits with 1 when the store cannot be opened', async () => {
    const err: string[] = [];
    const openStore = async () => Promise.reject(new Error('cannot open data/trame.db: file is not a database'));
    const code = await runCli(['member', 'list'], { openStore, out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('file is not a database');
  });
});
