import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/auth.decorators';
import { problemResponse } from '../openapi/problem.schema';
import { developmentTypesAnswer, type DevelopmentTypesAnswer } from './development-types.view';

/** The development types and their fields, from their definitions: the reporter page builds its forms from them. */
@ApiTags('stories: reads (reporter)')
@ApiBearerAuth()
@RequireRole('reporter')
@Controller('development-types')
export class DevelopmentTypesController {
  private readonly answer = developmentTypesAnswer();

  @Get()
  @ApiOperation({ summary: 'The development types: their label, stored event, place in the state document and fields with their limits' })
  @ApiOkResponse({ description: 'Every development type, in a stable order', schema: { example: { items: developmentTypesAnswer().items.slice(0, 1) } } })
  @ApiResponse({ status: 401, ...problemResponse('No token or an unknown token') })
  @ApiResponse({ status: 403, ...problemResponse('The token has no reporter role') })
  list(): DevelopmentTypesAnswer {
    return this.answer;
  }
}
