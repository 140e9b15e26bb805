import { environmentSizeBytes } from '../../src/template/lambda-environment';

describe('environmentSizeBytes (FN3)', () => {
  test('counts UTF-8 bytes of keys and values', () => {
    expect(environmentSizeBytes({ AB: 'cd', E: 'é' })).toBe(2 + 2 + 1 + 2);
  });
  test('a Ref or GetAtt counts 0 bytes; its key counts', () => {
    expect(environmentSizeBytes({ QUEUE: { Ref: 'Q' }, ARN: { 'Fn::GetAtt': ['T', 'Arn'] } })).toBe(5 + 3);
  });
  test('an Fn::Join counts its literal parts and separators', () => {
    expect(environmentSizeBytes({ U: { 'Fn::Join': ['', ['https://', { Ref: 'H' }, '/x']] } })).toBe(1 + 8 + 2);
    expect(environmentSizeBytes({ U: { 'Fn::Join': ['-', ['a', 'b', { Ref: 'C' }]] } })).toBe(1 + 2 + 2);
  });
});
