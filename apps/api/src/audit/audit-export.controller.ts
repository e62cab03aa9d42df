import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { exportQuerySchema, type ExportQuery } from '@pe/domain';
import { Audited } from '../access-log/audited.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/auth.decorators.js';
import { UuidParam } from '../http/uuid.pipe.js';
import { validated } from '../http/zod.pipe.js';
import { AuditExportService } from './audit-export.service.js';

@Controller('partnerships/:id')
export class AuditExportController {
  constructor(@Inject(AuditExportService) private readonly exports: AuditExportService) {}

  /** A download, whatever the format: the file names the partnership and the head it reaches. */
  @Get('export')
  @Audited('export', ['format'])
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new UuidParam('Partnership')) id: string,
    @Query(validated(exportQuerySchema)) { format }: ExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.exports.export(user, id, format);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (file.contentSecurityPolicy) response.setHeader('Content-Security-Policy', file.contentSecurityPolicy);
    const body = Buffer.from(file.body, 'utf8');
    return new StreamableFile(body, { type: file.contentType, disposition: `attachment; filename="${file.filename}"`, length: body.length });
  }
}
