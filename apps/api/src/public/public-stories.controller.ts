import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CHANGELOG_KINDS, type ChangelogKind } from '@story-tracker/domain';
import { AppConfig } from '@story-tracker/runtime';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../auth/auth.decorators';
import { GetLogKeyQuery } from '../log/queries/log.queries';
import { problemResponse } from '../openapi/problem.schema';
import { StoryIdPipe } from '../stories/story-id.pipe';
import { CHANGELOG_EXAMPLE, CHANGELOG_FEED_EXAMPLE, READER_PAGE_EXAMPLE } from './public.examples';
import { GetPublicStoryQuery } from './queries/get-public-story.query';
import { changelogFeed } from './render/changelog-feed.atom';
import { readerPage } from './render/reader-page.html';
import { READER_PAGE_HEADERS } from './render/reader-page.style';

/** The readers' changelog in JSON: the contract's members only. */
export interface ChangelogView {
  readonly storyId: string;
  readonly headline: string;
  readonly items: readonly { readonly at: string; readonly kind: ChangelogKind; readonly text: string }[];
}

const NOT_PUBLISHED = problemResponse('No such story, or one never published (a draft): the same answer for both', {
  type: '/problems/story-not-found',
  title: 'Story not found',
  status: 404,
  detail: 'No published story macron-visit-draft',
  code: 'StoryNotFound',
  storyId: 'macron-visit-draft',
});

/**
 * What readers see of a published story, without a token: what changed after publication (JSON and
 * Atom) and a page with the story in prose. Drafts are answered like stories that do not exist. Query
 * parameters are ignored (feed readers and links add their own).
 */
@ApiTags('public: for readers (no token)')
@PublicRoute()
@ApiParam({ name: 'id', example: 'russia-ukraine-standoff' })
@ApiResponse({ status: 404, ...NOT_PUBLISHED })
@Controller('public/stories/:id')
export class PublicStoriesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly config: AppConfig,
  ) {}

  @Get('changelog')
  @ApiOperation({ summary: 'What changed after publication, newest first, in a copy desk\'s words: corrections, retractions, updates. No token needed' })
  @ApiOkResponse({
    description: `\`kind\` is one of ${CHANGELOG_KINDS.join(', ')}; \`at\` the record time. No staff names; a redacted value reads "[detail removed]".`,
    schema: { example: CHANGELOG_EXAMPLE },
  })
  async changelog(@Param('id', StoryIdPipe) storyId: string): Promise<ChangelogView> {
    const view = await this.queries.execute(new GetPublicStoryQuery(storyId));
    return { storyId, headline: view.story.headline, items: view.items.map(({ at, kind, text }) => ({ at, kind, text })) };
  }

  @Get('changelog.atom')
  @ApiOperation({ summary: 'The same as an Atom 1.0 feed (RFC 4287): stable URN ids, the newsroom (NEWSROOM_NAME) as author. No token needed' })
  @ApiProduces('application/atom+xml')
  @ApiOkResponse({ content: { 'application/atom+xml': { schema: { type: 'string' }, example: CHANGELOG_FEED_EXAMPLE } } })
  async feed(@Param('id', StoryIdPipe) storyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const [view, key] = await Promise.all([this.queries.execute(new GetPublicStoryQuery(storyId)), this.queries.execute(new GetLogKeyQuery())]);
    void reply.type('application/atom+xml; charset=utf-8');
    return changelogFeed(view, { newsroom: this.config.NEWSROOM_NAME, origin: key.origin });
  }

  @Get()
  @ApiOperation({ summary: 'A page for readers: the story as it stands, in prose, and its corrections and updates. Plain HTML, no script. No token needed' })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: "Content-Security-Policy: default-src 'none', and the page's one inline style by its hash",
    content: { 'text/html': { schema: { type: 'string' }, example: READER_PAGE_EXAMPLE } },
  })
  async page(@Param('id', StoryIdPipe) storyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const view = await this.queries.execute(new GetPublicStoryQuery(storyId));
    void reply.type('text/html; charset=utf-8').headers(READER_PAGE_HEADERS);
    return readerPage(view, this.config.NEWSROOM_NAME);
  }
}
