/** A server under test: where it listens, the headers every request needs, and how to stop it. */
export interface HttpTarget {
  readonly name: string;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  close(): Promise<void>;
}
