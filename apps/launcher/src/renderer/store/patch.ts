import type { AppState } from './types.js';

type Namespaced = { [K in keyof AppState]: AppState[K] extends (...args: never[]) => unknown ? never : K }[keyof AppState];

/** Shallow-merges into one slice's state object, so slices never clobber each other. */
export function patchSlice<K extends Namespaced>(
  set: (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void,
  key: K,
  change: Partial<AppState[K]> | ((current: AppState[K]) => Partial<AppState[K]>),
): void {
  set((s) => ({ [key]: { ...s[key], ...(typeof change === 'function' ? change(s[key]) : change) } }) as Partial<AppState>);
}
