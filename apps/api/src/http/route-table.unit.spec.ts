import { RouteTable } from './route-table';

describe('RouteTable', () => {
  const routes = new RouteTable();
  routes.add(['GET', 'HEAD'], '/stories');
  routes.add('POST', '/stories');
  routes.add('get', '/stories/:id');
  routes.add('PATCH', '/stories/:id');
  routes.add('POST', '/stories/:id/developments/:developmentId/corrections');
  routes.add('GET', '/docs/*');
  routes.add('GET', '/app.js');

  it('lists the methods served at a path, whatever the ids in it', () => {
    expect(routes.methodsAt('/stories')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.methodsAt('/stories/russia-ukraine-standoff')).toEqual(['GET', 'PATCH']);
    expect(routes.methodsAt('/stories/a/developments/b/corrections')).toEqual(['POST']);
    expect(routes.methodsAt('/docs/swagger-ui.css')).toEqual(['GET']);
  });

  it('lists none for a path no route has, and takes dots in a route literally', () => {
    expect(routes.methodsAt('/stories/a/b')).toEqual([]);
    expect(routes.methodsAt('/appxjs')).toEqual([]);
    expect(routes.methodsAt('/stories/')).toEqual([]);
  });
});
