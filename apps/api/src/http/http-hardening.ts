import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { registerCheckpointBodyParser } from '../validation/checkpoint-body.parser';
import { registerJsonBodyParser } from '../validation/json-body.parser';
import { clientErrorHandler, connectHandler } from './client-error.handler';
import { frameworkErrors } from './framework-errors';
import { addRequestGuards } from './request-guards.hooks';
import { RouteTable } from './route-table';

/**
 * What makes every answer a problem document when it is an error, whatever part of the stack refuses
 * the request: Node's HTTP parser (`clientErrorHandler`), Fastify's router (`frameworkErrors`), its body
 * parsing (our JSON parser) and its hooks. `options` go to the Fastify constructor; `install` runs on
 * the instance after Nest has added its middleware and before it registers its routes.
 */
export function httpHardening(): { options: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>; install(fastify: FastifyInstance): void } {
  const routes = new RouteTable();
  return {
    options: { frameworkErrors, clientErrorHandler: clientErrorHandler(routes) },
    install(fastify) {
      fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
      fastify.server.on('connect', connectHandler(routes));
      registerJsonBodyParser(fastify);
      registerCheckpointBodyParser(fastify);
      addRequestGuards(fastify, routes);
    },
  };
}
