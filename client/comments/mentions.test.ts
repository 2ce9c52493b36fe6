import { describe, expect, it } from 'vitest';
import { insertMention, matchMembers, mentionQuery, mentionedIds, splitMentions } from './mentions';

const claire = { id: 'm-claire-0001', name: 'Claire Dubois', color: '#a00' };
const zoe = { id: 'm-zoe-000001', name: 'Zoé Martin', color: '#0a0' };
const marc = { id: 'm-marc-00001', name: 'Marc Zola', color: '#00a' };
const members = [claire, zoe, marc];

describe('mentions', () => {
  it('finds the name being typed after an @ at the caret', () => {
    expect(mentionQuery('Merci @Cla', 10)).toEqual({ start: 6, query: 'Cla' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('Voir @Claire Du', 15)).toEqual({ start: 5, query: 'Claire Du' });
    expect(mentionQuery('écrire à contact@asso.fr', 24)).toBeNull();
    expect(mentionQuery('@Claire\nsuite', 13)).toBeNull();
    expect(mentionQuery('sans arobase', 5)).toBeNull();
  });

  it('matches names and words of names, ignoring accents and case', () => {
    expect(matchMembers(members, 'zo')).toEqual([zoe, marc]);
    expect(matchMembers(members, 'ZOE')).toEqual([zoe]);
    expect(matchMembers(members, 'dub')).toEqual([claire]);
    expect(matchMembers(members, '')).toEqual([claire, marc, zoe]);
    expect(matchMembers(members, 'xyz')).toEqual([]);
  });

  it('inserts the chosen name and keeps only mentions still in the text', () => {
    const { text, caret } = insertMention('Merci @Cla et voilà', 6, 10, claire);
    expect(text).toBe('Merci @Claire Dubois  et voilà');
    expect(caret).toBe(21);
    expect(mentionedIds(text, [claire, zoe])).toEqual([claire.id]);
    expect(mentionedIds('plus de mention', [claire])).toEqual([]);
  });

  it('splits text into plain and mention parts, never interpreting markup', () => {
    expect(splitMentions('<b>@Claire Dubois</b> voir @Zoé', [claire, zoe])).toEqual([
      { text: '<b>' },
      { text: '@Claire Dubois', member: claire },
      { text: '</b> voir @Zoé' },
    ]);
    expect(splitMentions('@Zoé Martin ok', [zoe])).toEqual([{ text: '@Zoé Martin', member: zoe }, { text: ' ok' }]);
  });
});
