import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Audited } from '../access-log/audited.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { validated } from '../http/zod.pipe.js';
import { verificationQuerySchema, type VerificationQuery } from './verification-query.js';
import { VerificationService } from './verification.service.js';

/** Any signed-in role: each sees the partnerships it may see (a partner, its organization's), as with one partnership's /verify. */
@Controller('audit')
export class VerificationController {
  constructor(@Inject(VerificationService) private readonly verification: VerificationService) {}

  @Get('verification')
  // One row per page read, with its cursor: verifying a thousand partnerships shows as the pages it took.
  @Audited('verify-all', ['after', 'limit'])
  verifyAll(@CurrentUser() user: AuthenticatedUser, @Query(validated(verificationQuerySchema)) query: VerificationQuery) {
    return this.verification.verifyPage(user, query);
  }
}
