import { openStoryBody } from './fixtures';
import type { HttpTarget } from './targets/http-target';

/** Opens a story on our API; the bench stops if it is refused. */
export async function openStory(ours: HttpTarget, slug: string): Promise<void> {
  await send(ours, 'POST', '/stories', openStoryBody(slug), 201);
}

/** Records developments one after another (a setup step, not measured). */
export async function recordDevelopments(ours: HttpTarget, slug: string, developments: readonly unknown[]): Promise<void> {
  for (const development of developments) await send(ours, 'POST', `/stories/${slug}/developments`, development, 201);
}

/** Our current-state answer exactly as sent, to give the GET baseline a document of the same size. */
export async function fetchCurrentState(ours: HttpTarget, slug: string): Promise<{ json: string; revision: number }> {
  const json = await send(ours, 'GET', `/stories/${slug}`, undefined, 200);
  return { json, revision: (JSON.parse(json) as { revision: number }).revision };
}

async function send(target: HttpTarget, method: 'GET' | 'POST', path: string, body: unknown, expected: number): Promise<string> {
  const headers = method === 'GET' ? { authorization: target.headers.authorization ?? '' } : { ...target.headers };
  const response = await fetch(`${target.baseUrl}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${method} ${path} answered ${response.status} (expected ${expected}): ${text}`);
  return text;
}
