import { globMatches } from '../../src/template/cfn-values';

describe('globMatches', () => {
  test('a pattern without wildcards matches only the same text', () => {
    expect(globMatches('lambda:invokefunction', 'lambda:invokefunction')).toBe(true);
    expect(globMatches('lambda:invoke', 'lambda:invokefunction')).toBe(false);
  });

  test('* matches any characters and ? one character', () => {
    expect(globMatches('lambda:invoke*', 'lambda:invokefunction')).toBe(true);
    expect(globMatches('*', 'anything')).toBe(true);
    expect(globMatches('lambda:?nvokefunction', 'lambda:invokefunction')).toBe(true);
    expect(globMatches('lambda:?nvoke', 'lambda:invokefunction')).toBe(false);
    expect(globMatches('s3:get*', 'lambda:invokefunction')).toBe(false);
  });

  test('other regular-expression characters are literal', () => {
    expect(globMatches('a.c*', 'abcd')).toBe(false);
    expect(globMatches('a.c*', 'a.cd')).toBe(true);
    expect(globMatches('(a)+*', '(a)+b')).toBe(true);
  });

  test('a compiled pattern gives the same answers on every call', () => {
    const answers = () => ['lambda:invokefunction', 'lambda:getfunction', 'lambda:invokeasync'].map((action) => globMatches('lambda:invoke*', action));
    expect(answers()).toEqual([true, false, true]);
    expect(answers()).toEqual([true, false, true]);
  });
});
