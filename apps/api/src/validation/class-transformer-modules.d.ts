/** class-transformer's metadata of the decorators and its default options (its own modules, which the package does not declare on their own paths). */
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

  export const defaultMetadataStorage: MetadataStorage;
}

declare module 'class-transformer/cjs/constants/default-options.constant' {
  import type { ClassTransformOptions } from 'class-transformer';

  export const defaultOptions: Partial<ClassTransformOptions>;
}
