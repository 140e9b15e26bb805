import { keyPatternOverlapsFilter } from '../../src/core/key-patterns';

describe('keyPatternOverlapsFilter (FN13)', () => {
  test.each([
    ['thumbnails/*', { prefix: 'uploads/' }],
    ['thumbnails/*', { prefix: 'uploads/', suffix: '.jpg' }],
    ['*.png', { suffix: '.jpg' }],
    ['uploads/*.png', { prefix: 'uploads/', suffix: '.jpg' }],
    ['up', { prefix: 'uploads/' }],
    ['a?c', { prefix: 'ab', suffix: 'd' }],
  ])('disjoint: %s and %j', (pattern, filter) => {
    expect(keyPatternOverlapsFilter(pattern, filter)).toBe(false);
  });

  test.each([
    ['*', { prefix: 'uploads/' }],
    ['uploads/*', { prefix: 'uploads/' }],
    ['*', {}],
    ['thumbnails/*', {}],
    ['u*', { prefix: 'uploads/', suffix: '.jpg' }],
    ['*.jpg', { prefix: 'uploads/' }],
    ['uploads/small/*', { prefix: 'uploads/' }],
    // Prefix and suffix may share characters: "abc" starts with "ab" and ends with "bc".
    ['abc', { prefix: 'ab', suffix: 'bc' }],
    ['a?c', { prefix: 'ab', suffix: 'c' }],
  ])('overlapping: %s and %j', (pattern, filter) => {
    expect(keyPatternOverlapsFilter(pattern, filter)).toBe(true);
  });

  test('a key must start with the whole prefix: "uploads" does not match "uploads/"', () => {
    expect(keyPatternOverlapsFilter('uploads', { prefix: 'uploads/' })).toBe(false);
    expect(keyPatternOverlapsFilter('uploads*', { prefix: 'uploads/' })).toBe(true);
  });
});
