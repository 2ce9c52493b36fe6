import { describe, expect, it } from 'vitest';
import { canChangeMentor, canEndSession, canStartSession, type MentorChangeFacts } from './mentoring';

const base: MentorChangeFacts = {
  actorId: 'claire',
  actorRole: 'coordinator',
  newcomerId: 'nour',
  newcomerRole: 'newcomer',
  mentorId: 'bea',
  mentorRole: 'member',
  currentMentorId: null,
};

describe('canChangeMentor', () => {
  it.each<[string, Partial<MentorChangeFacts>, boolean]>([
    ['a coordinator assigns a member', {}, true],
    ['a coordinator assigns another coordinator', { mentorId: 'ada', mentorRole: 'coordinator' }, true],
    ['a coordinator replaces a mentor', { currentMentorId: 'ada' }, true],
    ['a coordinator removes a mentor', { mentorId: null, mentorRole: null, currentMentorId: 'bea' }, true],
    ['nobody assigns a newcomer as mentor', { mentorId: 'zoe', mentorRole: 'newcomer' }, false],
    ['nobody assigns a guest as mentor', { mentorId: 'gus', mentorRole: 'guest' }, false],
    ['nobody assigns someone outside the collective', { mentorRole: null }, false],
    ['only newcomers are mentored', { newcomerRole: 'member' }, false],
    ['a newcomer does not mentor themself', { mentorId: 'nour', mentorRole: 'newcomer' }, false],
    ['a member volunteers themself', { actorId: 'bea', actorRole: 'member' }, true],
    ['a member does not assign someone else', { actorId: 'bea', actorRole: 'member', mentorId: 'ana' }, false],
    ['a member does not take over another mentor', { actorId: 'bea', actorRole: 'member', currentMentorId: 'ana' }, false],
    ['a mentor stops mentoring', { actorId: 'bea', actorRole: 'member', mentorId: null, mentorRole: null, currentMentorId: 'bea' }, true],
    ['a member does not remove another mentor', { actorId: 'bea', actorRole: 'member', mentorId: null, mentorRole: null, currentMentorId: 'ana' }, false],
    ['a newcomer cannot assign', { actorId: 'zoe', actorRole: 'newcomer', mentorId: 'bea' }, false],
    ['a newcomer cannot volunteer', { actorId: 'zoe', actorRole: 'newcomer', mentorId: 'zoe', mentorRole: 'newcomer' }, false],
    ['a guest cannot assign', { actorId: 'gus', actorRole: 'guest' }, false],
    ['a non-member cannot assign', { actorRole: null }, false],
  ])('%s', (_case, facts, allowed) => {
    expect(canChangeMentor({ ...base, ...facts })).toBe(allowed);
  });
});

describe('live sessions', () => {
  it.each([
    ['edit', true],
    ['suggest', true],
    ['comment', true],
    ['view', false],
    [null, false],
  ] as const)('access %s may start a session: %s', (access, allowed) => {
    expect(canStartSession(access)).toBe(allowed);
  });

  it.each<[string, Parameters<typeof canEndSession>[0], boolean]>([
    ['its starter', { actorId: 'a', actorRole: 'newcomer', startedBy: 'a', invited: ['b'] }, true],
    ['an invitee', { actorId: 'b', actorRole: 'member', startedBy: 'a', invited: ['b'] }, true],
    ['a coordinator', { actorId: 'c', actorRole: 'coordinator', startedBy: 'a', invited: ['b'] }, true],
    ['another member', { actorId: 'd', actorRole: 'member', startedBy: 'a', invited: ['b'] }, false],
    ['a former member', { actorId: 'a', actorRole: null, startedBy: 'a', invited: [] }, false],
  ])('ends a session: %s', (_case, facts, allowed) => {
    expect(canEndSession(facts)).toBe(allowed);
  });
});
