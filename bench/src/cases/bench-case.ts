import type { LoadRequest } from '../load/load-result';
import type { LoadSettings } from '../settings';
import type { HttpTarget } from '../targets/http-target';

/** One HTTP request shape, sent in the same way to our API and to its baseline. */
export interface BenchCase {
  /** Short kebab-case name, used in the report (`http-append`). */
  readonly name: string;
  /** The request as the report shows it (`POST /stories/{id}/developments`). */
  readonly request: string;
  /** Settings that differ from the shared ones, for both sides alike (and said in the report). */
  readonly settings?: Partial<LoadSettings>;
  load(target: HttpTarget, settings: LoadSettings): LoadRequest;
}
