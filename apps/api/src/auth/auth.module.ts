import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenRegistry } from './token-registry';
import type { TokenGrant } from './token-registry';

@Global()
@Module({})
export class AuthModule {
  static forRoot(grants: readonly TokenGrant[]) {
    return {
      module: AuthModule,
      providers: [{ provide: TokenRegistry, useValue: new TokenRegistry(grants) }, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenRegistry],
    };
  }
}
