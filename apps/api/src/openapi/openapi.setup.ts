import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document at /docs-json and its page at /docs; neither needs a token. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Story Tracker')
    .setDescription(
      'The full, verifiable history of developing news stories. Every change is an event appended to the story’s stream; ' +
        'reads are projections of those events. Send `Authorization: Bearer <token>`; errors are RFC 9457 problem documents.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
