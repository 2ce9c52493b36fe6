import { describe, expect, it } from 'vitest';
import { canArchive, canGrantRole, canInWorkspace, canOnDocument, documentAccess, type Access, type Role, type WorkspaceAction } from './permissions';

describe('documentAccess', () => {
  // [role, grant, isCreator, archived] → effective access
  const cases: [Role | null, Access | null, boolean, boolean, Access | null][] = [
    ['coordinator', null, false, false, 'edit'],
    ['coordinator', 'view', false, false, 'edit'],
    ['member', null, false, false, 'edit'],
    ['member', 'view', false, false, 'view'],
    ['member', 'comment', false, false, 'comment'],
    ['newcomer', null, false, false, 'comment'],
    ['newcomer', 'edit', false, false, 'edit'],
    ['newcomer', null, true, false, 'edit'],
    ['newcomer', 'view', true, false, 'edit'],
    ['guest', null, false, false, null],
    ['guest', 'comment', false, false, 'comment'],
    ['guest', 'edit', false, false, 'edit'],
    ['member', null, false, true, 'view'],
    ['coordinator', null, false, true, 'view'],
    ['guest', null, false, true, null],
    [null, 'edit', false, false, null],
    [null, null, true, false, null],
  ];
  it.each(cases)('role %s, grant %s, creator %s, archived %s → %s', (role, grant, isCreator, archived, expected) => {
    expect(documentAccess({ role, grant, isCreator, archived })).toBe(expected);
  });
});

describe('canOnDocument', () => {
  const cases: [Access | null, Parameters<typeof canOnDocument>[1], boolean][] = [
    ['edit', 'editBody', true],
    ['suggest', 'editBody', false],
    ['comment', 'editBody', false],
    ['comment', 'comment', true],
    ['view', 'comment', false],
    ['view', 'read', true],
    [null, 'read', false],
    ['edit', 'rename', true],
    ['comment', 'rename', false],
    ['edit', 'settings', true],
    ['suggest', 'settings', false],
  ];
  it.each(cases)('%s may %s: %s', (access, action, expected) => {
    expect(canOnDocument(access, action)).toBe(expected);
  });
});

describe('canInWorkspace', () => {
  const cases: [Role | null, WorkspaceAction, boolean][] = [
    ['coordinator', 'member.invite', true],
    ['member', 'member.invite', false],
    ['newcomer', 'member.remove', false],
    ['coordinator', 'member.changeRole', true],
    ['member', 'document.create', true],
    ['newcomer', 'document.create', true],
    ['guest', 'document.create', false],
    ['guest', 'workspace.read', true],
    [null, 'workspace.read', false],
    ['member', 'document.grant', false],
    ['coordinator', 'document.grant', true],
    ['coordinator', 'member.readEmail', true],
    ['member', 'member.readEmail', false],
    ['guest', 'member.readEmail', false],
  ];
  it.each(cases)('%s may %s: %s', (role, action, expected) => {
    expect(canInWorkspace(role, action)).toBe(expected);
  });
});

describe('canGrantRole', () => {
  const cases: [Role | null, Role, boolean][] = [
    ['coordinator', 'coordinator', true],
    ['coordinator', 'guest', true],
    ['member', 'member', false],
    ['member', 'guest', false],
    ['newcomer', 'guest', false],
    ['guest', 'guest', false],
    [null, 'guest', false],
  ];
  it.each(cases)('%s may give the role %s: %s', (granter, role, expected) => {
    expect(canGrantRole(granter, role)).toBe(expected);
  });
});

describe('canArchive', () => {
  it('lets an editor restore a document that archiving made view-only', () => {
    expect(canArchive({ role: 'member', grant: null, isCreator: false, archived: true })).toBe(true);
  });
  it('refuses commenters and non-members', () => {
    expect(canArchive({ role: 'newcomer', grant: null, isCreator: false, archived: false })).toBe(false);
    expect(canArchive({ role: null, grant: 'edit', isCreator: false, archived: false })).toBe(false);
  });
});
