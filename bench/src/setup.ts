import { OPEN_STORY_BODY, STORY_SLUG } from './fixtures';
import type { HttpTarget } from './targets/http-target';

/** Opens the story every case writes to and reads; the bench stops if our API refuses. */
export async function openBenchStory(ours: HttpTarget): Promise<void> {
  const response = await fetch(`${ours.baseUrl}/stories`, { method: 'POST', headers: { ...ours.headers }, body: JSON.stringify(OPEN_STORY_BODY) });
  if (response.status !== 201) throw new Error(`Opening the bench story answered ${response.status}: ${await response.text()}`);
}

/** Our current-state answer exactly as sent, to give the GET baseline a document of the same size. */
export async function fetchCurrentState(ours: HttpTarget): Promise<string> {
  const response = await fetch(`${ours.baseUrl}/stories/${STORY_SLUG}`, { headers: { authorization: ours.headers.authorization ?? '' } });
  if (response.status !== 200) throw new Error(`Reading the bench story answered ${response.status}: ${await response.text()}`);
  return response.text();
}
