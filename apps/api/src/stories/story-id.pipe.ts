import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, isStorySlug } from '@story-tracker/domain';

/** A story id in a path that could never be a slug names no story: 404, like any unknown story. */
@Injectable()
export class StoryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isStorySlug(value)) throw new DomainError('StoryNotFound', `No story ${value}`, { storyId: value });
    return value;
  }
}
