/**
 * Mutant scheduling: a mutant's candidates are exactly the tests that reached its switch, in
 * the documented order; a round gives each test at most one mutant and each mutant up to its
 * round's share of candidates (1, 2, 4, …).
 */
import { test, expect } from '@playwright/test';
import { candidatesFor, candidatesPerMutant, matchingRound, toSchedule } from '../../harness/mutation/schedule.js';
import type { CandidateTest } from '../../harness/mutation/schedule.js';
import type { Mutant } from '../../harness/mutation/catalog.js';

const mutant: Mutant = { name: 'm', area: 'guide', rule: 'r', breaks: 'guide.checks' };

function t(key: string, over: Partial<CandidateTest> = {}): CandidateTest {
  return { key, switches: ['m'], durationMs: 1000, tags: [], citedRules: new Set(), ...over };
}

test('only tests that reached the switch are candidates; none means not covered', () => {
  const tests = [t('a'), t('b', { switches: ['other'] }), t('c', { switches: ['other', 'm'] })];
  expect(candidatesFor(mutant, tests)).toEqual(['a', 'c']);
  expect(candidatesFor({ ...mutant, name: 'nobody-reaches' }, tests)).toEqual([]);
});

test('order: last killer, then a spec citing the broken rule, then the area tag, then the quicker test', () => {
  const tests = [
    t('slow-plain', { durationMs: 5000 }),
    t('quick-plain', { durationMs: 100 }),
    t('tagged', { tags: ['guide'], durationMs: 9000 }),
    t('cites', { citedRules: new Set(['guide.checks']), durationMs: 9999 }),
    t('killed-last-time', { durationMs: 20000 }),
  ];
  expect(candidatesFor(mutant, tests, 'killed-last-time')).toEqual(['killed-last-time', 'cites', 'tagged', 'quick-plain', 'slow-plain']);
  expect(candidatesFor(mutant, tests, 'not-a-candidate')[0]).toBe('cites');
  expect(candidatesFor({ ...mutant, breaks: null }, tests)[0]).toBe('tagged');
});

test('a matching round gives each test at most one mutant; the most constrained mutant chooses first', () => {
  const waiting = new Map([
    ['wide', ['x', 'y', 'z']],
    ['narrow', ['x']],
    ['middle', ['x', 'y']],
  ]);
  const round = matchingRound(waiting);
  expect(Object.fromEntries(round)).toEqual({ x: 'narrow', y: 'middle', z: 'wide' });
  // Two mutants wanting one single test: one waits for the next round.
  const crowded = matchingRound(new Map([['a', ['only']], ['b', ['only']]]));
  expect([...crowded.values()]).toHaveLength(1);
});

test('later rounds let a mutant try more candidates, still one mutant per test', () => {
  expect([1, 2, 3, 4].map(candidatesPerMutant)).toEqual([1, 2, 4, 8]);
  const waiting = new Map([
    ['a', ['x', 'y', 'z']],
    ['b', ['x', 'w']],
  ]);
  // b (fewer candidates) takes x first; a takes y; then b takes w and a takes z.
  expect(Object.fromEntries(matchingRound(waiting, 2))).toEqual({ x: 'b', y: 'a', w: 'b', z: 'a' });
  expect(Object.fromEntries(matchingRound(waiting, 1))).toEqual({ x: 'b', y: 'a' });
  expect(toSchedule(new Map([['k', 'solo']])).tests).toEqual({ k: 'solo' });
});
