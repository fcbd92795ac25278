import { Module } from '@nestjs/common';
import { SessionController } from './session.controller';

/** What the reporter page needs beyond the contract: who is signed in (`GET /me`). */
@Module({ controllers: [SessionController] })
export class WebModule {}
