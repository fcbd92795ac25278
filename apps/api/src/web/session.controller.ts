import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { problemResponse } from '../openapi/problem.schema';

/** Who the token belongs to: the reporter page signs in with it and shows editors their forms. */
@ApiTags('session')
@ApiBearerAuth()
// Any role: a redactor-only token must be able to learn that it cannot read.
@RequireRole('any')
@Controller('me')
export class SessionController {
  @Get()
  @ApiOperation({ summary: 'The actor and roles of the token sent (any role)' })
  @ApiOkResponse({ schema: { example: { actor: 'rita', roles: ['reporter'] } } })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  me(@CurrentPrincipal() principal: Principal): Pick<Principal, 'actor' | 'roles'> {
    return { actor: principal.actor, roles: [...principal.roles] };
  }
}
