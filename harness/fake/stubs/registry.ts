/** Stubs by id on top of the override table: add (validated), get, remove, clear, list. */
import type { OverrideTable, TableEntry } from '../overrides.js';
import { compileStub } from './compile.js';
import type { Stub } from './schema.js';
import { parseStub, StubError, type FieldProblem } from './validate.js';

export interface StubView extends Stub {
  id: string;
  /** Uses left before the stub disappears (null without `times`). */
  remaining: number | null;
}

export type AddResult = { ok: true; stub: StubView } | { ok: false; status: 400 | 409; problems: FieldProblem[] };

export interface StubRegistry {
  /** Validates and adds; never throws. */
  tryAdd(input: unknown): AddResult;
  /** Validates and adds; throws StubError when invalid. Answers the stub id. */
  add(input: Stub | unknown): string;
  get(id: string): StubView | null;
  remove(id: string): boolean;
  /** Removes every stub (overrides and presets stay); answers how many. */
  clear(): number;
  list(): StubView[];
}

function viewOf(e: TableEntry): StubView {
  return { ...structuredClone(e.stub as Stub), id: e.id, remaining: Number.isFinite(e.left) ? e.left : null };
}

export function createStubRegistry(table: OverrideTable): StubRegistry {
  const tryAdd = (input: unknown): AddResult => {
    const parsed = parseStub(input);
    if (!parsed.ok) return { ok: false, status: 400, problems: parsed.problems };
    const stub = parsed.value;
    if (stub.id !== undefined && table.get(stub.id)) {
      return { ok: false, status: 409, problems: [{ field: 'id', message: `a stub with id "${stub.id}" exists; DELETE it first` }] };
    }
    // The id is fixed before compiling so the journal name can carry it.
    const id = stub.id ?? nextId();
    table.add(compileStub(stub, id), { id, stub: { ...stub, id } });
    return { ok: true, stub: viewOf(table.get(id) as TableEntry) };
  };
  let counter = 0;
  const nextId = (): string => {
    let id = `stub-${++counter}`;
    while (table.get(id)) id = `stub-${++counter}`;
    return id;
  };
  return {
    tryAdd,
    add(input) {
      const result = tryAdd(input);
      if (!result.ok) throw new StubError(result.problems);
      return result.stub.id;
    },
    get(id) {
      const e = table.get(id);
      return e?.stub ? viewOf(e) : null;
    },
    remove(id) {
      const e = table.get(id);
      return Boolean(e?.stub) && table.remove(id);
    },
    clear: () => table.removeWhere((e) => e.stub !== null),
    list: () => table.entries().filter((e) => e.stub !== null).map(viewOf),
  };
}
