import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { DATABASE, TEMPORAL } from '../tokens.js';

type Probe = 'up' | 'down';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: DataSource,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  /** 200 when PostgreSQL and Temporal both answer, 503 naming the one that does not. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) response: Response) {
    const [database, temporal] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const healthy = database === 'up' && temporal === 'up';
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', database, temporal };
  }
}

async function probe(call: () => Promise<unknown>): Promise<Probe> {
  try {
    await Promise.race([call(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    return 'up';
  } catch {
    return 'down';
  }
}
