/**
 * The API's one logger (Nest's console logger, passed to NestFactory): every line it prints, stack
 * traces included, goes through redactSecrets first, so a token, password field, hash or key that an
 * error message carries by accident is printed masked.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { redactSecrets } from '@pe/config';

export class RedactingLogger extends ConsoleLogger {
  constructor(logLevels: LogLevel[]) {
    super({ logLevels });
  }

  protected override formatMessage(...args: Parameters<ConsoleLogger['formatMessage']>): string {
    return redactSecrets(super.formatMessage(...args));
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? redactSecrets(stack) : stack);
  }
}
