import { Logger, type Provider } from '@nestjs/common';
import { AppConfig, logIdentityOptionsOf } from '@story-tracker/runtime';
import { loadLogIdentity, type LogSigningKey } from '@story-tracker/verifiable-log';

export const LOG_SIGNING_KEY = Symbol('LogSigningKey');

/** The log's key and origin, from LOG_SIGNING_KEY_FILE and LOG_ORIGIN or made once in DATA_DIR. */
export const logSigningKeyProvider: Provider = {
  provide: LOG_SIGNING_KEY,
  inject: [AppConfig],
  useFactory: (config: AppConfig): LogSigningKey => {
    const { key, created } = loadLogIdentity(logIdentityOptionsOf(config));
    if (created.length > 0) {
      new Logger('VerifiableLog').log({ files: created, origin: key.name }, "Made the verifiable log's origin and signing key: keep them (witnesses pin the key) and back up the key file");
    }
    return key;
  },
};
