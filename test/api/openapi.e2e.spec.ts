import { PROBLEM_STATUS } from '../../apps/api/src/errors/problem-status.table';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the OpenAPI document', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp();
  });
  afterAll(() => test.close());

  it('describes every public endpoint of the contract, each with an example', async () => {
    const document = (await test.http.get('/docs-json').expect(200)).body;
    const operations = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.map(({ route }) => route).sort()).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /stories',
        'GET /stories/{id}',
        'PATCH /stories/{id}',
        'POST /stories',
        'POST /stories/{id}/archive',
        'POST /stories/{id}/developments',
        'POST /stories/{id}/developments/{developmentId}/corrections',
        'POST /stories/{id}/developments/{developmentId}/retractions',
        'POST /stories/{id}/publish',
      ]),
    );
    for (const { route, operation } of operations) {
      expect({ route, hasExample: JSON.stringify(operation.responses).includes('"example') }).toEqual({ route, hasExample: true });
    }
  });

  it('lists every problem code of the status table, with its status, in the problem schema', async () => {
    const document = JSON.stringify((await test.http.get('/docs-json').expect(200)).body);
    const schema = /"code":(\{"type":"string","enum":\[[^\]]*\][^}]*\})/.exec(document)?.[1];
    const code = JSON.parse(schema ?? '{}') as { enum?: string[]; description?: string };
    expect(code.enum?.sort()).toEqual([...Object.keys(PROBLEM_STATUS), 'InternalError'].sort());
    for (const [name, { status }] of Object.entries(PROBLEM_STATUS)) expect(code.description).toContain(`${name} (${status})`);
  });

  it('serves the human page at /docs without a token', async () => {
    const page = await test.http.get('/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger');
  });
});
