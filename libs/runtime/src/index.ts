export * from './config/app-config';
export * from './config/config.module';
export * from './event-store/event-store.tokens';
export * from './event-store/event-store.module';
export * from './node-version/supported-node';
