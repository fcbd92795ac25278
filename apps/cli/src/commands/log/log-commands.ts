import { LogCheckpointCommand } from './log-checkpoint.command';
import { LogProveCommand } from './log-prove.command';
import { LogVerifyCommand } from './log-verify.command';
import { LogWitnessCommand } from './log-witness.command';

/** The `log …` commands, for the module's providers (one array per folder, as the handlers of nestjs/cqrs). */
export const LOG_COMMANDS = [LogCheckpointCommand, LogVerifyCommand, LogProveCommand, LogWitnessCommand];
