import type { StoryCommand } from '@story-tracker/domain';
import { validationFailed } from '../errors/api-error';
import { parseCorrectionChanges, parseDevelopment } from '../validation/development-input';
import { validateInput } from '../validation/validate';
import { CorrectionDto, EmptyWriteDto, RetractionDto } from './dto/correction.dto';
import { OpenStoryDto } from './dto/open-story.dto';
import { ReviseStoryDto } from './dto/revise-story.dto';
import type { DevelopmentType } from '@story-tracker/domain';

/**
 * The one mapping from a write's body to its command: validated as the HTTP body is, then made into
 * the domain's command. The write controller and the seeder both use it, so a seeded story is
 * recorded exactly as an editor's would be.
 */
export interface Write {
  readonly command: StoryCommand;
  readonly editSummary?: string;
}

function write(command: StoryCommand, editSummary: string | undefined): Write {
  return { command, ...(editSummary !== undefined && { editSummary }) };
}

/** POST /stories. */
export function openStoryWrite(input: unknown): Write & { readonly storyId: string } {
  const { slug, headline, summary, tags, editSummary } = validateInput(OpenStoryDto, input);
  return { storyId: slug, ...write({ type: 'OpenStory', data: { storyId: slug, headline, ...(summary !== undefined && { summary }), ...(tags && { tags }) } }, editSummary) };
}

/** PATCH /stories/{id}: at least one of headline, summary, tags. */
export function reviseStoryWrite(input: unknown): Write {
  const { headline, summary, tags, editSummary } = validateInput(ReviseStoryDto, input);
  if (headline === undefined && summary === undefined && tags === undefined) {
    throw validationFailed([{ field: 'body', messages: ['send at least one of headline, summary, tags'] }]);
  }
  const data = { ...(headline !== undefined && { headline }), ...(summary !== undefined && { summary }), ...(tags !== undefined && { tags }) };
  return write({ type: 'ReviseStory', data }, editSummary);
}

/** POST /stories/{id}/developments: the development gets the id `newId` makes. */
export function recordDevelopmentWrite(input: unknown, newId: () => string): Write {
  const { development, editSummary } = parseDevelopment(input);
  return write({ type: 'RecordDevelopment', data: { developmentId: newId(), development } }, editSummary);
}

/** The body of POST …/corrections, before the corrected development's type is known. */
export function correctionBody(input: unknown): CorrectionDto {
  return validateInput(CorrectionDto, input);
}

/** POST …/corrections, its `changes` validated against the type of the development it corrects. */
export function correctDevelopmentWrite(developmentId: string, type: DevelopmentType, { changes, reason, editSummary }: CorrectionDto): Write {
  return write({ type: 'CorrectDevelopment', data: { developmentId, changes: parseCorrectionChanges(type, changes), reason } }, editSummary);
}

/** POST …/retractions. */
export function retractDevelopmentWrite(developmentId: string, input: unknown): Write {
  const { reason, editSummary } = validateInput(RetractionDto, input);
  return write({ type: 'RetractDevelopment', data: { developmentId, reason } }, editSummary);
}

/** POST /stories/{id}/publish (an empty body, an edit summary at most). */
export function publishStoryWrite(input: unknown): Write {
  return write({ type: 'PublishStory', data: {} }, validateInput(EmptyWriteDto, input ?? {}).editSummary);
}

/** POST /stories/{id}/archive. */
export function archiveStoryWrite(input: unknown): Write {
  return write({ type: 'ArchiveStory', data: {} }, validateInput(EmptyWriteDto, input ?? {}).editSummary);
}
