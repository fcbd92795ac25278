import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { instanceOf, toProblem } from './problem-document';
import { sendProblem } from './problem-reply';
import { asAnswerable } from './store-unavailable';

/** Every error leaves as RFC 9457 Problem Details, with its status taken from `PROBLEM_STATUS`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const exception = asAnswerable(thrown);
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = { ...toProblem(exception), instance: instanceOf(request.url) };
    if (problem.status >= 500) this.logger.error({ err: thrown, requestId: request.id }, 'Request failed');
    sendProblem(reply, problem, exception instanceof ApiError ? exception.headers : {});
  }
}
