/** class-transformer's metadata of the decorators (its own module, which the package does not declare on its own path). */
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';

  export const defaultMetadataStorage: MetadataStorage;
}
