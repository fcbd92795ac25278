import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from './roles';

export const REQUIRED_ROLE = 'story-tracker:required-role';
export const PUBLIC_ROUTE = 'story-tracker:public-route';

/** The role a route needs; editors and auditors count as reporters. `'any'`: a known token of any role. */
export const RequireRole = (role: Role | 'any') => SetMetadata(REQUIRED_ROLE, role);

/** A route anyone may call without a token (health, the OpenAPI page, the reporter page). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The caller, as the auth guard found them. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});
