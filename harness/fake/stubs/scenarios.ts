/** Scenario states for stub sequences (WireMock's Scenarios): every scenario starts in `Started`. */
import { SCENARIO_STARTED } from './schema.js';

export interface ScenarioStates {
  state(name: string): string;
  set(name: string, state: string): void;
  /** Every scenario named so far (by a stub or a transition) with its state. */
  list(): Array<{ name: string; state: string }>;
  /** Back to `Started` (one scenario, or all). */
  reset(name?: string): void;
  /** Make a scenario known (listed) without changing its state. */
  touch(name: string): void;
}

export function createScenarioStates(): ScenarioStates {
  const states = new Map<string, string>();
  return {
    state: (name) => states.get(name) ?? SCENARIO_STARTED,
    set(name, state) {
      states.set(name, state);
    },
    list: () => [...states].map(([name, state]) => ({ name, state })),
    reset(name) {
      for (const key of name === undefined ? [...states.keys()] : [name]) if (states.has(key)) states.set(key, SCENARIO_STARTED);
    },
    touch(name) {
      if (!states.has(name)) states.set(name, SCENARIO_STARTED);
    },
  };
}
