import { inProse, isCompactName, listOf, shortName } from './names';

describe('names in descriptions', () => {
  it.each([
    ['Emmanuel Macron', 'Macron'],
    [' Putin ', 'Putin'],
    ['Ursula von der Leyen', 'von der Leyen'],
    ['Jean-Yves Le Drian', 'Le Drian'],
    ['Ukrainian government', 'Ukrainian government'],
    ['the government in Kyiv', 'the government in Kyiv'],
    ['White House', 'White House'],
    ['European Union', 'European Union'],
    ['United States', 'United States'],
    ['US officials', 'US officials'],
    ['NATO', 'NATO'],
  ])('shortens only a person’s name: %s → %s', (name, expected) => {
    expect(shortName(name)).toBe(expected);
  });

  it('fits people and one-word parties into a compact title, not institutions of several words', () => {
    expect(['Emmanuel Macron', 'NATO', 'Ursula von der Leyen'].map(isCompactName)).toEqual([true, true, true]);
    expect(['Ukrainian government', 'White House'].map(isCompactName)).toEqual([false, false]);
  });

  it.each([
    ['United States', 'the United States'],
    ['EU', 'the EU'],
    ['Kremlin', 'the Kremlin'],
    ['Ukrainian government', 'the Ukrainian government'],
    ['the European Union', 'the European Union'],
    ['NATO', 'NATO'],
    ['Russia', 'Russia'],
    ['Russian officials', 'Russian officials'],
    ['Jake Sullivan', 'Jake Sullivan'],
  ])('gives "the" in running text where the name needs it: %s → %s', (name, expected) => {
    expect(inProse(name)).toBe(expected);
  });

  it('lists one, two and more names with "and"', () => {
    expect(listOf([])).toBe('');
    expect(listOf(['A'])).toBe('A');
    expect(listOf(['A', 'B'])).toBe('A and B');
    expect(listOf(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listOf(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
  });
});
