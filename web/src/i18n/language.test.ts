import { describe, expect, it } from 'vitest';
import { resolveLanguage } from './language';

describe('the interface language', () => {
  it("is the user's choice first", () => {
    expect(
      resolveLanguage({ userChoice: 'de', instanceLanguage: 'en', browserLanguages: ['en-US'] }),
    ).toBe('de');
  });

  it("is the instance's setting when the user chose none", () => {
    expect(
      resolveLanguage({ userChoice: null, instanceLanguage: 'de', browserLanguages: ['en-US'] }),
    ).toBe('de');
  });

  it("is the browser's first supported language otherwise, else English", () => {
    expect(
      resolveLanguage({
        userChoice: null,
        instanceLanguage: null,
        browserLanguages: ['fr', 'de-AT'],
      }),
    ).toBe('de');
    expect(
      resolveLanguage({ userChoice: 'xx', instanceLanguage: null, browserLanguages: ['fr'] }),
    ).toBe('en');
  });
});
