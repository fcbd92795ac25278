import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error';
import { PUBLIC_ROUTE, REQUIRED_ROLE, type AuthenticatedRequest } from './auth.decorators';
import { mayActAs, type Role } from './roles';
import { TokenRegistry } from './token-registry';

/** Bearer tokens for every route that is not marked public: 401 without a known token, 403 without the role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenRegistry,
  ) {}

  /** What each route asks for, by controller and handler: their metadata is fixed once the app is built, so it is read once. */
  private readonly policies = new WeakMap<object, WeakMap<object, RoutePolicy>>();

  canActivate(context: ExecutionContext): boolean {
    const policy = this.policyOf(context);
    if (policy.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const token = bearerToken(request.headers['authorization']);
    if (!token) throw new ApiError('Unauthenticated', 'Send Authorization: Bearer <token>');
    const principal = this.tokens.principalFor(token);
    if (!principal) throw new ApiError('Unauthenticated', 'The token is not known');
    request.principal = principal;
    const required = policy.role;
    if (required !== 'any' && !mayActAs(principal.roles, required)) {
      throw new ApiError('Forbidden', `This needs the ${required} role; ${principal.actor} has ${principal.roles.join(', ')}`);
    }
    return true;
  }

  private policyOf(context: ExecutionContext): RoutePolicy {
    const [handler, controller] = [context.getHandler(), context.getClass()];
    let ofController = this.policies.get(controller);
    if (ofController === undefined) this.policies.set(controller, (ofController = new WeakMap()));
    let policy = ofController.get(handler);
    if (policy === undefined) {
      const targets = [handler, controller];
      policy = {
        public: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
        role: this.reflector.getAllAndOverride<Role | 'any' | undefined>(REQUIRED_ROLE, targets) ?? 'reporter',
      };
      ofController.set(handler, policy);
    }
    return policy;
  }
}

interface RoutePolicy {
  readonly public: boolean;
  readonly role: Role | 'any';
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
